package org.equiplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.equiplan.problem.Json;
import org.equiplan.solve.Comparison;
import org.equiplan.solve.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare two or more solution files of the same kind: scores, constraints, figures, differences.")
class CompareCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SOLUTION", arity = "2..*", description = "solution JSON files (as written by solve)")
    List<Path> files;

    @picocli.CommandLine.Option(
            names = "--problem",
            paramLabel = "FILE",
            description = "the problem each solution solves, in the same order: answers to different problems get no"
                    + " better/worse verdict, and the input differences are listed")
    List<Path> problems;

    @Override
    public Integer call() throws Exception {
        List<String> labels = new ArrayList<>();
        List<JsonNode> answers = new ArrayList<>();
        for (Path f : files) {
            labels.add(f.getFileName().toString());
            answers.add(Json.readTree(Files.read(f)));
        }
        Comparison c = Models.compare(labels, answers);
        if (problems != null) {
            if (problems.size() != files.size()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--problem: give one per solution (" + files.size() + "), got " + problems.size());
            }
            List<JsonNode> read = new ArrayList<>();
            for (Path p : problems) {
                read.add(Json.readTree(Files.read(p)));
            }
            c = c.withProblems(read);
        }
        print(c, spec.commandLine().getOut());
        return 0;
    }

    static void print(Comparison c, PrintWriter out) {
        int width = 12;
        for (Comparison.Item i : c.items()) {
            width = Math.max(width, i.label().length() + 2);
            width = Math.max(width, i.score().length() + 2);
            for (String v : i.constraints().values()) {
                width = Math.max(width, v.length() + 2);
            }
        }
        String cell = "%-" + width + "s";
        if (Boolean.FALSE.equals(c.sameProblem())) {
            out.println("Different problems: the scores are not compared; read the figures. What differs, against "
                    + c.items().get(0).label() + ":");
            c.inputs()
                    .forEach(i -> out.printf(
                            "  %s %s: %s -> %s%n",
                            i.label(),
                            i.path(),
                            i.from() == null ? "(none)" : i.from(),
                            i.to() == null ? "(none)" : i.to()));
            out.println();
        }
        out.printf("%-34s", c.kind());
        c.items().forEach(i -> out.printf(cell, i.label()));
        out.println();
        row(out, cell, "score", c.items().stream().map(Comparison.Item::score).toList());
        Set<String> constraints = new LinkedHashSet<>();
        Set<String> figures = new LinkedHashSet<>();
        c.items().forEach(i -> constraints.addAll(i.constraints().keySet()));
        c.items().forEach(i -> figures.addAll(i.figures().keySet()));
        for (String name : constraints) {
            row(
                    out,
                    cell,
                    name,
                    c.items().stream()
                            .map(i -> i.constraints().getOrDefault(name, "0"))
                            .toList());
        }
        for (String name : figures) {
            row(
                    out,
                    cell,
                    name,
                    c.items().stream()
                            .map(i -> {
                                Double v = i.figures().get(name);
                                return v == null ? "" : String.format("%,.4f", v);
                            })
                            .toList());
        }
        for (Comparison.Diff d : c.diffs()) {
            out.println();
            out.println(d.to() + " against " + d.from() + ": " + d.score());
            d.constraints().stream()
                    .filter(x -> !x.change().equals("same"))
                    .forEach(x -> out.printf("  %-30s %s: %s -> %s%n", x.constraint(), x.change(), x.from(), x.to()));
            if (!d.opened().isEmpty() || !d.closed().isEmpty()) {
                out.println("  opened: " + d.opened() + "  closed: " + d.closed());
            }
            if (!d.reassigned().isEmpty()) {
                out.println("  villages with another site: " + d.reassigned().size());
                d.reassigned().stream()
                        .limit(20)
                        .forEach(r -> out.printf("    %s (%s): %s -> %s%n", r.demand(), r.service(), r.from(), r.to()));
            }
            d.regions().stream()
                    .filter(r -> r.amountChange() != 0)
                    .forEach(r -> out.printf(
                            "  %-20s amount %,.0f -> %,.0f (%+,.0f), coverage %.4f -> %.4f%n",
                            r.region(),
                            r.amountFrom(),
                            r.amountTo(),
                            r.amountChange(),
                            r.coverageFrom(),
                            r.coverageTo()));
        }
        out.flush();
    }

    private static void row(PrintWriter out, String cell, String name, List<String> values) {
        out.printf("%-34s", name);
        values.forEach(v -> out.printf(cell, v));
        out.println();
    }
}
