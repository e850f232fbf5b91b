package org.equiplan.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;
import org.equiplan.solve.SolveOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "solve",
        mixinStandardHelpOptions = true,
        description = "Solve a problem file (either kind); progress on stderr, the solution JSON on stdout or --out.")
class SolveCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "problem JSON")
    Path file;

    @Option(names = "--seconds", description = "time limit in seconds (default: ${DEFAULT-VALUE})", defaultValue = "30")
    double seconds;

    @Option(names = "--unimproved-seconds", description = "stop when the best score has not improved for this long")
    Double unimprovedSeconds;

    @Option(names = "--best-score", description = "stop once this score is reached, e.g. 0hard/0medium/-5819soft")
    String bestScore;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--out", description = "write the solution here instead of stdout")
    Path out;

    @Option(
            names = "--log",
            description = "a line per new best score (the default when stderr is not a terminal); on a terminal the"
                    + " default is one live progress line")
    boolean log;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!(seconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0");
        }
        Models.Loaded<?, ?> loaded = Models.load(Files.read(file));
        List<FieldError> errors = loaded.validate();
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        err.println("solving " + loaded.summary() + " for up to " + seconds + " s (seed " + seed + ")");
        SolveOptions options = new SolveOptions(seconds, unimprovedSeconds, bestScore, seed);
        boolean live = !log && System.console() != null;
        Answer solution = loaded.solve(options, p -> {
            String line = String.format(
                    "[%6.1f / %.0f s] best %s%s",
                    p.elapsedMillis() / 1000.0, seconds, p.score(), p.feasible() ? "" : " (infeasible)");
            if (live) {
                // One line, rewritten in place: \r back to its start, then clear to its end.
                err.print("\r" + line + "\u001b[K");
                err.flush();
            } else {
                err.println(line);
            }
        });
        if (live) {
            err.println();
        }
        String json = Json.write(solution);
        Files.write(out, json, System.out);
        summary(err, Json.readTree(json), out);
        return 0;
    }

    /** What a person reads at the end: feasible or not, the headline figures, the gap to the bound, the file. */
    static void summary(java.io.PrintWriter err, com.fasterxml.jackson.databind.JsonNode answer, Path out) {
        err.println((answer.path("feasible").asBoolean() ? "feasible" : "NOT feasible (some hard rule is broken)")
                + ", score " + answer.path("score").asText());
        Models.Figures figures = Models.figures(answer);
        for (var f : figures.definitions()) {
            Double v = figures.values().get(f.name());
            if (v != null) {
                err.printf("  %-52s %s%n", f.label(), number(v));
            }
        }
        if (answer.hasNonNull("gapToBound") && answer.hasNonNull("bound")) {
            err.printf(
                    "  %-52s %s (%.4f%% above the proven lower bound %s)%n",
                    "gap to bound",
                    number(answer.get("gapToBound").asDouble()),
                    100 * answer.get("gapToBound").asDouble(),
                    number(answer.get("bound").asDouble()));
            String method = answer.path("boundDetail").path("method").asText("");
            if (!method.isEmpty()) {
                err.printf("  %-52s %s%n", "bound obtained by", method);
            }
        }
        err.println(out == null ? "the solution went to standard output" : "wrote " + out);
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format("%,d", (long) v);
        }
        return Math.abs(v) < 10 ? String.format("%.4f", v) : String.format("%,.2f", v);
    }
}
