package org.equiplan.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Map;
import org.equiplan.access.Principal;
import org.equiplan.access.TokenRole;
import org.equiplan.access.Tokens;
import org.equiplan.problem.Json;

/**
 * Token administration over HTTP, for admins: the same as the {@code token} command, usable while the service
 * runs (the embedded database is locked by the running service, so the command cannot reach it then).
 */
final class TokenHandlers {

    private final Tokens tokens;

    TokenHandlers(Tokens tokens) {
        this.tokens = tokens;
    }

    /** {@code {"name": ..., "role": "viewer|planner|admin", "workspace": ...}}: the token, shown this once. */
    void create(Context ctx) {
        admin(ctx);
        AccessControl.requireJson(ctx);
        JsonNode body = Json.readTree(ctx.body());
        String name = body.path("name").asText(null);
        String roleText = body.path("role").asText("");
        TokenRole role;
        try {
            role = TokenRole.valueOf(roleText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EquiplanServer.BadRequest("role", "must be viewer, planner or admin, got '" + roleText + "'");
        }
        String workspace = body.path("workspace").asText(Principal.DEFAULT_WORKSPACE);
        try {
            String token = tokens.create(name, role, workspace);
            ctx.status(HttpStatus.CREATED)
                    .json(Map.of("name", name, "role", role, "workspace", workspace, "token", token));
        } catch (Tokens.Refused e) {
            throw new EquiplanServer.BadRequest(
                    e.getMessage().startsWith("workspace") ? "workspace" : "name", e.getMessage());
        }
    }

    void list(Context ctx) {
        admin(ctx);
        ctx.json(tokens.list());
    }

    void revoke(Context ctx) {
        admin(ctx);
        String name = ctx.pathParam("name");
        if (!tokens.revoke(name)) {
            throw EquiplanServer.notFound("active token", name);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static void admin(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        if (p.role() != TokenRole.ADMIN) {
            throw new ForbiddenResponse("token '" + p.name() + "' is not an admin: only admins manage tokens");
        }
    }
}
