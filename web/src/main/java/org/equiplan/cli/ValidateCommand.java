package org.equiplan.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.solve.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a problem file; lists every error with its field path and exits 2 if there is any.")
class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "problem JSON")
    Path file;

    @Override
    public Integer call() throws Exception {
        Models.Loaded<?, ?> loaded = Models.load(Files.read(file));
        List<FieldError> errors = loaded.validate();
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        spec.commandLine().getOut().println("valid: " + loaded.summary());
        return 0;
    }
}
