package org.equiplan.service;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Set;
import org.equiplan.access.Access;
import org.equiplan.access.Authenticator;
import org.equiplan.access.Principal;

/**
 * What every request passes before its handler: security headers on every answer, a JSON body where one is
 * sent, and, for routes that need it, a token whose role may do what the route does. The principal is kept on
 * the request for the handlers ({@link #principal}), which limit what it sees to its workspace.
 */
final class AccessControl {

    private static final String PRINCIPAL = "equiplan.principal";
    /** The page is the jar's own files: scripts, styles and data only from here, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Authenticator authenticator;

    AccessControl(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** On every request, also those that end in an error. */
    static void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Cache-Control", "no-store");
    }

    /** Before a matched route: the token and its role, and a JSON content type on a body the route reads. */
    void check(Context ctx) {
        Access access = access(ctx.routeRoles());
        if (access == Access.PUBLIC) {
            return;
        }
        Principal principal = authenticator
                .principal(token(ctx))
                .orElseThrow(() -> new UnauthorizedResponse(
                        ctx.header("Authorization") == null && ctx.queryParam("access_token") == null
                                ? "a token is required: send Authorization: Bearer <token>"
                                : "the token is unknown or revoked"));
        if (access == Access.WRITE && !principal.role().mayWrite()) {
            throw new ForbiddenResponse("token '" + principal.name() + "' is a viewer: it may read, not change jobs");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** Refuses a body that is not declared JSON: a cross-site form cannot send one. */
    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        String media = type == null ? "" : type.split(";", 2)[0].trim();
        if (!media.equalsIgnoreCase("application/json")) {
            throw new HttpResponseException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "send the problem as Content-Type: application/json"
                            + (type == null ? "" : " (got '" + type + "')"));
        }
    }

    /** The request's principal, set by {@link #check}. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route without an access level: " + ctx.path());
        }
        return p;
    }

    /**
     * The bearer token; for GET only, also {@code ?access_token=}, because a browser's EventSource and download
     * links cannot send headers (the page sets Referrer-Policy: no-referrer, so it does not leak onward).
     */
    private static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (header == null && "GET".equals(ctx.method().name())) {
            return ctx.queryParam("access_token");
        }
        return null;
    }

    private static Access access(Set<RouteRole> roles) {
        for (RouteRole r : roles) {
            if (r instanceof Access a) {
                return a;
            }
        }
        // A route declared without a level is the page's static files: public.
        return Access.PUBLIC;
    }
}
