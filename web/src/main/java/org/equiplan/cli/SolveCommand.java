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
        Answer solution = loaded.solve(
                options,
                p -> err.printf(
                        "[%7.1f s] best %s%s%n",
                        p.elapsedMillis() / 1000.0, p.score(), p.feasible() ? "" : " (infeasible)"));
        Files.write(out, Json.write(solution), System.out);
        if (out != null) {
            err.println("wrote " + out);
        }
        return 0;
    }
}
