package org.equiplan.access;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a request is: with {@link Mode#NONE} everyone is {@link Principal#LOCAL}; with {@link Mode#TOKENS} the
 * bearer token must name an active token. A token found is remembered for {@link #CACHE_MILLIS}, so a request is
 * not a query, and a revocation takes effect on every node of a cluster within that time.
 */
public final class Authenticator {

    /** How long a found token is trusted without asking the database again. */
    static final long CACHE_MILLIS = 10_000;

    public enum Mode {
        NONE,
        TOKENS
    }

    private record Cached(Principal principal, long until) {}

    private final Mode mode;
    private final Tokens tokens;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(Mode mode, Tokens tokens) {
        this.mode = mode;
        this.tokens = tokens;
    }

    public Mode mode() {
        return mode;
    }

    /** The principal of this token (null or blank when the request has none); empty when it is refused. */
    public Optional<Principal> principal(String token) {
        if (mode == Mode.NONE) {
            return Optional.of(Principal.LOCAL);
        }
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String key = Tokens.hash(token);
        long now = System.currentTimeMillis();
        Cached hit = cache.get(key);
        if (hit != null && hit.until() > now) {
            return Optional.of(hit.principal());
        }
        Optional<Principal> found = tokens.authenticate(token);
        if (found.isPresent()) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(key, new Cached(found.get(), now + CACHE_MILLIS));
        } else {
            cache.remove(key);
        }
        return found;
    }
}
