package org.equiplan.service;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test, on the server .ci/run starts (EQUIPLAN_TEST_DATABASE, with
 * EQUIPLAN_TEST_DB_USER and EQUIPLAN_TEST_DB_PASSWORD). Without a server the test is skipped, unless
 * EQUIPLAN_TEST_POSTGRES_REQUIRED=1 (as in CI), where it fails.
 */
final class TestPostgres implements AutoCloseable {

    final String url;
    final String user;
    final String password;
    private final String admin;
    private final String name;

    private TestPostgres(String admin, String user, String password) throws SQLException {
        this.admin = admin;
        this.user = user;
        this.password = password;
        this.name = "equiplan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        this.url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    static TestPostgres create() {
        String admin = System.getenv("EQUIPLAN_TEST_DATABASE");
        boolean required = "1".equals(System.getenv("EQUIPLAN_TEST_POSTGRES_REQUIRED"));
        if (admin == null) {
            if (required) {
                fail("EQUIPLAN_TEST_POSTGRES_REQUIRED=1 but no EQUIPLAN_TEST_DATABASE: .ci/run starts one");
            }
            Assumptions.abort("no PostgreSQL server (set EQUIPLAN_TEST_DATABASE, as .ci/run does)");
        }
        try {
            return new TestPostgres(
                    admin, System.getenv("EQUIPLAN_TEST_DB_USER"), System.getenv("EQUIPLAN_TEST_DB_PASSWORD"));
        } catch (SQLException e) {
            if (required) {
                throw new AssertionError("cannot reach the test PostgreSQL at " + admin, e);
            }
            Assumptions.abort("cannot reach PostgreSQL at " + admin + ": " + e.getMessage());
            return null;
        }
    }

    /** The environment a node reads its credentials from. */
    Map<String, String> credentials() {
        return Map.of("EQUIPLAN_DB_USER", user, "EQUIPLAN_DB_PASSWORD", password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(admin, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
