package org.equiplan.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database: an upgrade from the first schema keeps every job, and bad settings say what is wrong. */
class DatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseMadeByTheFirstReleaseOpensWithItsJobsAndItsQueuedJobRuns() throws Exception {
        String url = Database.Settings.embedded(dataDir).url();
        // The first release's schema, from its own migration text (H2's dialect), with a finished and a queued job.
        Flyway.configure()
                .dataSource(url, "equiplan", "")
                .locations("classpath:legacy-migration")
                .load()
                .migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url, "equiplan", "");
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO job (id, name, kind, status, seconds, seed, problem, solution, score, feasible,"
                                + " elapsed_ms, created, updated) VALUES (?, ?, 'probe', ?, 1, 0, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String[] row : new String[][] {
                {"done", "COMPLETED", "{\"kind\":\"probe\",\"stepMillis\":10}", "{\"steps\":3}", "-3soft", "700"},
                {"waiting", "QUEUED", "{\"kind\":\"probe\",\"stepMillis\":10}", null, null, "0"}
            }) {
                s.setString(1, row[0]);
                s.setString(2, row[0]);
                s.setString(3, row[1]);
                s.setString(4, row[2]);
                s.setString(5, row[3]);
                s.setString(6, row[4]);
                s.setObject(7, row[4] == null ? null : true);
                s.setLong(8, Long.parseLong(row[5]));
                s.setObject(9, OffsetDateTime.now());
                s.setObject(10, OffsetDateTime.now());
                s.executeUpdate();
            }
        }

        try (Database db = new Database(Database.Settings.embedded(dataDir), 4)) {
            JobStore store = new JobStore(db);
            Job done = store.find("done").orElseThrow();
            assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.score()).isEqualTo("-3soft");
            assertThat(done.solvedMillis()).isEqualTo(700);
            assertThat(store.solution("done")).contains("{\"steps\":3}");

            // The queued job had no queue entry (there was no queue): a worker finds it and solves it.
            JobService.Config d = JobService.Config.defaults();
            JobService jobs = new JobService(
                    db,
                    new JobService.Config(
                            Role.ALL, 1, d.limits(), 100, 50, Duration.ofMillis(100), d.deadAfter(), 3, "w"));
            try {
                for (int i = 0;
                        i < 200 && store.find("waiting").orElseThrow().status().active();
                        i++) {
                    Thread.sleep(50);
                }
                assertThat(store.find("waiting").orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            } finally {
                jobs.close();
            }
        }
    }

    @Test
    void onlyPostgreSqlServersAreTakenAndAnUnreachableOneIsNamed() {
        assertThatThrownBy(() -> new Database(Database.Settings.server("jdbc:mysql://db/x", "u", "p"), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected jdbc:postgresql://HOST:PORT/DB");
        assertThatThrownBy(() -> new Database(Database.Settings.server("jdbc:postgresql://127.0.0.1:1/x", "u", "p"), 2))
                .isInstanceOf(Database.Unavailable.class)
                .hasMessageStartingWith("cannot connect to the database jdbc:postgresql://127.0.0.1:1/x: ");
    }
}
