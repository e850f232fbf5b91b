package org.equiplan.access;

import io.javalin.security.RouteRole;

/** What a route needs: nothing (health, the API description, the page), a token that reads, or one that writes. */
public enum Access implements RouteRole {
    PUBLIC,
    READ,
    WRITE
}
