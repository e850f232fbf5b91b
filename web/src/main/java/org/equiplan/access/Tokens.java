package org.equiplan.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * API tokens in the database: created with a name, a role and a workspace, shown once, kept only as a SHA-256
 * hash, revoked by name. A token is 32 random bytes, so a plain hash is enough (nothing to guess from it).
 */
public final class Tokens {

    /** What a token looks like: a prefix that says what it is (secret scanners know prefixes), then the secret. */
    private static final String PREFIX = "eqp_";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as listed: never its secret. */
    public record Info(String name, TokenRole role, String workspace, OffsetDateTime created, OffsetDateTime revoked) {}

    /** A bad name, role or workspace, or a name already taken: the message says which. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;

    public Tokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates a token and returns its secret, which is not stored and cannot be shown again. */
    public String create(String name, TokenRole role, String workspace) {
        checkName("name", name);
        checkName("workspace", workspace);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO api_token (name, token_hash, role, workspace, created) VALUES (?, ?, ?, ?, ?)")) {
            if (find(c, name).isPresent()) {
                throw new Refused(
                        "a token named '" + name + "' exists already (revoke it first, or pick another name)");
            }
            s.setString(1, name);
            s.setString(2, hash(token));
            s.setString(3, role.name());
            s.setString(4, workspace);
            s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the token", e);
        }
        return token;
    }

    /** The token's principal, if the token exists and is not revoked. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT name, role, workspace FROM api_token WHERE token_hash = ? AND revoked IS NULL")) {
            s.setString(1, hash(token));
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Principal(r.getString(1), TokenRole.valueOf(r.getString(2)), r.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tokens", e);
        }
    }

    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT name, role, workspace, created, revoked FROM api_token ORDER BY name");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(info(r));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tokens", e);
        }
        return out;
    }

    /** Revokes a token by name; false when there is no such active token. */
    public boolean revoke(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("UPDATE api_token SET revoked = ? WHERE name = ? AND revoked IS NULL")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(2, name);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke the token", e);
        }
    }

    private static Optional<Info> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT name, role, workspace, created, revoked FROM api_token WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(info(r)) : Optional.empty();
            }
        }
    }

    private static Info info(ResultSet r) throws SQLException {
        return new Info(
                r.getString(1),
                TokenRole.valueOf(r.getString(2)),
                r.getString(3),
                r.getObject(4, OffsetDateTime.class),
                r.getObject(5, OffsetDateTime.class));
    }

    private static void checkName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new Refused(field + " must be 1 to 100 letters, digits or . _ @ - (starting with a letter or digit)");
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
