package org.equiplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equiplan.jobs.JobStatus;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.problem.Json;
import org.equiplan.scenarios.Sweeps;
import org.equiplan.scenarios.TradeOff;
import org.equiplan.solve.Answer;
import org.equiplan.solve.Models;
import org.equiplan.solve.PlanningModel.Figure;
import org.equiplan.solve.SolveOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A sweep on this machine, without the service: the problem solved once per value of a parameter (or pair of
 * values of two), each point's headline figures and whether it is efficient, as CSV (the same columns as
 * {@code GET /api/sweeps/{id}.csv}).
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = "Solve a problem for each value of a parameter (a JSON Pointer such as /budget); the points'"
                + " figures and the efficient ones as CSV on stdout or --out.")
class SweepCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "problem JSON")
    Path file;

    @Option(
            names = "--param",
            required = true,
            description = "where the values go, e.g. /budget or /services/0/maxDistance")
    String parameter;

    @Option(
            names = "--values",
            required = true,
            split = ",",
            description = "the values, comma-separated (JSON: 6.5e12,7e12)")
    List<String> values;

    @Option(names = "--param2", description = "a second parameter, for a grid")
    String parameter2;

    @Option(names = "--values2", split = ",", description = "the second parameter's values")
    List<String> values2;

    @Option(names = "--seconds", defaultValue = "10", description = "time limit per point (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "write the CSV here instead of stdout")
    Path out;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!(seconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0");
        }
        String problem = Files.read(file);
        Sweeps.Definition d = new Sweeps.Definition(
                null, parameter, json(values), parameter2, values2 == null ? null : json(values2), seconds, seed);
        List<String> bodies = Sweeps.problems(problem, d);
        // Every point's problem is checked before any is solved.
        List<Models.Loaded<?, ?>> loaded = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Models.Loaded<?, ?> l = Models.load(bodies.get(i));
            for (FieldError e : l.validate()) {
                errors.add(new FieldError("[" + i + "]." + e.field(), e.message()));
            }
            loaded.add(l);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        String kind = loaded.get(0).model().kind();
        int n2 = parameter2 == null ? 1 : d.values2().size();
        List<Sweeps.Point> points = new ArrayList<>();
        List<Map<String, Double>> figures = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            JsonNode value = d.values().get(i / n2);
            JsonNode value2 = parameter2 == null ? null : d.values2().get(i % n2);
            Answer answer = loaded.get(i).solve(new SolveOptions(seconds, null, null, seed), p -> {});
            Map<String, Double> f =
                    Models.figures(Json.readTree(Json.write(answer))).values();
            figures.add(f);
            err.printf(
                    "[%d/%d] %s=%s%s: %s%n",
                    i + 1,
                    loaded.size(),
                    parameter,
                    Json.compact(value),
                    value2 == null ? "" : " " + parameter2 + "=" + Json.compact(value2),
                    answer.score());
            points.add(new Sweeps.Point(
                    i, value, value2, null, JobStatus.COMPLETED, answer.score(), answer.feasible(), f, false));
        }
        List<Figure> defs = Models.figureDefinitions(kind);
        List<Figure> tradeOff = TradeOff.of(defs, Models.tradeOff(kind), figures);
        boolean[] efficient = TradeOff.efficient(tradeOff, figures);
        List<Sweeps.Point> marked = new ArrayList<>();
        for (Sweeps.Point p : points) {
            marked.add(new Sweeps.Point(
                    p.point(),
                    p.value(),
                    p.value2(),
                    null,
                    p.status(),
                    p.score(),
                    p.feasible(),
                    p.figures(),
                    efficient[p.point()]));
        }
        Sweeps.View view = new Sweeps.View(
                null,
                file.getFileName().toString(),
                kind,
                null,
                parameter,
                parameter2,
                null,
                defs,
                tradeOff.stream().map(Figure::name).toList(),
                marked);
        Files.write(out, Sweeps.csv(view).stripTrailing(), System.out);
        err.println("efficient by " + String.join(" and ", view.tradeOff()) + ": "
                + marked.stream()
                        .filter(Sweeps.Point::efficient)
                        .map(p -> Json.compact(p.value()) + (p.value2() == null ? "" : "/" + Json.compact(p.value2())))
                        .toList());
        if (out != null) {
            err.println("wrote " + out);
        }
        return 0;
    }

    /** Each value as JSON where it reads as JSON (numbers, true, quoted text), else as text. */
    private static List<JsonNode> json(List<String> raw) {
        List<JsonNode> out = new ArrayList<>();
        for (String v : raw) {
            try {
                out.add(Json.readTree(v.trim()));
            } catch (RuntimeException e) {
                out.add(TextNode.valueOf(v.trim()));
            }
        }
        return out;
    }
}
