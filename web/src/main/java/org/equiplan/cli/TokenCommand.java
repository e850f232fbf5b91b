package org.equiplan.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.equiplan.access.Principal;
import org.equiplan.access.TokenRole;
import org.equiplan.access.Tokens;
import org.equiplan.jobs.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * API tokens for {@code serve --auth tokens}: create (the token is printed once, alone on the last line), list,
 * revoke. It opens the same database as {@code serve} with the same options; the embedded database is locked
 * while a service runs on it, so then use the service's {@code /api/tokens} with an admin token instead.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Create, list and revoke API tokens (for serve --auth tokens).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
class TokenCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.BAD_INPUT;
    }

    /** Opens the database the options name, for one command. */
    static Database open(DatabaseOptions options, CommandLine cli) throws java.io.IOException {
        return new Database(options.settings(cli), 2);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOptions db;

        @Option(names = "--name", required = true, description = "a name to list and revoke it by")
        String name;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "viewer|planner|admin",
                description = "viewer: reads; planner: also submits, stops and deletes; admin: everything, every"
                        + " workspace")
        String role;

        @Option(
                names = "--workspace",
                defaultValue = Principal.DEFAULT_WORKSPACE,
                description = "the workspace its jobs belong to (default: ${DEFAULT-VALUE})")
        String workspace;

        @Override
        public Integer call() throws Exception {
            TokenRole parsed;
            try {
                parsed = TokenRole.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DatabaseOptions.bad(
                        spec.commandLine(), "--role", "must be viewer, planner or admin, not '" + role + "'");
            }
            try (Database database = open(db, spec.commandLine())) {
                String token;
                try {
                    token = new Tokens(database.dataSource()).create(name, parsed, workspace);
                } catch (Tokens.Refused e) {
                    throw DatabaseOptions.bad(spec.commandLine(), "--name", e.getMessage());
                }
                var out = spec.commandLine().getOut();
                out.println("token '" + name + "' (" + parsed.name().toLowerCase(Locale.ROOT) + ", workspace '"
                        + workspace + "'), shown this once; send it as Authorization: Bearer <token>:");
                out.println(token);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOptions db;

        @Override
        public Integer call() throws Exception {
            try (Database database = open(db, spec.commandLine())) {
                var out = spec.commandLine().getOut();
                out.printf("%-24s %-8s %-16s %-26s %s%n", "name", "role", "workspace", "created", "revoked");
                for (Tokens.Info t : new Tokens(database.dataSource()).list()) {
                    out.printf(
                            "%-24s %-8s %-16s %-26s %s%n",
                            t.name(),
                            t.role().name().toLowerCase(Locale.ROOT),
                            t.workspace(),
                            t.created(),
                            t.revoked() == null ? "" : t.revoked());
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by name.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOptions db;

        @Parameters(paramLabel = "NAME", description = "the token's name")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Database database = open(db, spec.commandLine())) {
                if (!new Tokens(database.dataSource()).revoke(name)) {
                    throw DatabaseOptions.bad(spec.commandLine(), "NAME", "no active token named '" + name + "'");
                }
                spec.commandLine()
                        .getOut()
                        .println("token '" + name + "' revoked (services stop accepting it within 10 s)");
            }
            return 0;
        }
    }
}
