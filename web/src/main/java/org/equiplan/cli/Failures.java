package org.equiplan.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.equiplan.jobs.Database;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns failures into messages and exit codes: bad input exits 2 with every error, never a stack trace. */
final class Failures implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof InvalidProblemException invalid) {
            printErrors(cli, invalid);
            return Main.BAD_INPUT;
        }
        if (e instanceof NoSuchFileException missing) {
            cli.getErr().println("error: no such file: " + missing.getFile());
            return Main.BAD_INPUT;
        }
        if (e instanceof IOException io) {
            cli.getErr().println("error: " + io.getMessage());
            return Main.BAD_INPUT;
        }
        if (e instanceof Database.Unavailable down) {
            cli.getErr().println("error: " + down.getMessage());
            return 1;
        }
        LOG.error("Command failed", e);
        cli.getErr().println("error: " + e);
        return 1;
    }

    static void printErrors(CommandLine cli, InvalidProblemException invalid) {
        cli.getErr().println("error: the problem has " + invalid.errors().size() + " error(s):");
        for (FieldError error : invalid.errors()) {
            cli.getErr().println("  " + error.field() + ": " + error.message());
        }
    }
}
