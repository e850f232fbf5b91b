package org.equiplan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of equiplan.jar: the batch commands (and, later, the service). */
@Command(
        name = "equiplan",
        mixinStandardHelpOptions = true,
        version = "equiplan 0.1.0",
        description = "Plans transfers and facility siting for the equalization of basic public services.",
        subcommands = {
            ServeCommand.class,
            TokenCommand.class,
            SolveCommand.class,
            SweepCommand.class,
            ValidateCommand.class,
            CompareCommand.class,
            ImportCommand.class
        })
public class Main {

    /** Exit code for bad input: the user has to change something. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        // No arguments: start the service, as the README's run command does.
        System.exit(run(args.length == 0 ? new String[] {"serve"} : args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with the given writers for messages (the solution JSON without --out still goes to stdout). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new Failures());
        return cli.execute(args);
    }
}
