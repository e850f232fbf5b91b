package org.equiplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equiplan.problem.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit codes, messages, and files written or left alone. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static final String SMALL = """
            {"kind": "facilities", "name": "two villages",
             "services": [{"id": "school", "maxDistance": 5}],
             "regions": [{"id": "r1", "rural": true}],
             "demands": [{"id": "v1", "region": "r1", "x": 0, "y": 0, "demand": {"school": 30}},
                         {"id": "v2", "region": "r1", "x": 4, "y": 0, "demand": {"school": 50}}],
             "sites": [{"id": "A", "service": "school", "x": 0, "y": 0, "capacity": 60, "openingCost": 100},
                       {"id": "B", "service": "school", "x": 5, "y": 0, "capacity": 60, "openingCost": 100}],
             "distances": {"method": "euclidean", "unit": "km"},
             "objective": {"equity": "none"}}
            """;

    @Test
    void solveWritesTheSolutionAndReportsProgress() throws Exception {
        Path problem = Files.writeString(dir.resolve("p.json"), SMALL);
        Path solution = dir.resolve("out/s.json");
        int code = run("solve", problem.toString(), "--seconds", "2", "--seed", "3", "--out", solution.toString());
        assertThat(code).isZero();
        assertThat(err.toString()).contains("best 0hard/0medium/");
        JsonNode s = Json.readTree(Files.readString(solution));
        // Capacity 60 forces the 30 and 50 pupils apart: v1 -> A (0 km), v2 -> B (1 km); cost 200 + 50 = 250.
        assertThat(s.get("score").asText()).isEqualTo("0hard/0medium/-250soft");
        assertThat(s.get("openSites")).hasSize(2);
        assertThat(s.get("assignments").get(1).get("site").asText()).isEqualTo("B");
        assertThat(s.get("assignments").get(1).get("distance").asDouble()).isEqualTo(1.0);
        assertThat(s.at("/metrics/services/0/coveredShare").asDouble()).isEqualTo(1.0);
        // The summary a person reads: feasibility, the headline figures, the bound, the file.
        assertThat(err.toString())
                .contains("feasible, score 0hard/0medium/-250soft")
                .containsPattern("objective cost +250")
                .containsPattern("share of demand within the travel standard +1\\b")
                .containsPattern("open sites +2")
                .contains("wrote " + solution);
    }

    @Test
    void badInputExitsTwoWithEveryFieldErrorAndWritesNothing() throws Exception {
        String bad = SMALL.replace(
                        "\"capacity\": 60, \"openingCost\": 100}", "\"capacity\": -60, \"openingCost\": 100}")
                .replace("\"region\": \"r1\", \"x\": 4", "\"region\": \"r9\", \"x\": 4");
        Path problem = Files.writeString(dir.resolve("bad.json"), bad);
        Path solution = Files.writeString(dir.resolve("keep.json"), "previous result");
        int code = run("solve", problem.toString(), "--out", solution.toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .contains("demands[1].region: unknown region 'r9'")
                .contains("sites[0].capacity: must be >= 0")
                .contains("sites[1].capacity: must be >= 0")
                .doesNotContain("Exception");
        assertThat(Files.readString(solution)).isEqualTo("previous result");

        assertThat(run("validate", problem.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(run("validate", dir.resolve("missing.json").toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void importedOrLibraryFilesValidate() throws Exception {
        Path pmed = dir.resolve("pmed1.json");
        assertThat(run("import", "orlib-pmed", "../data/orlib/pmed1.txt", "--out", pmed.toString()))
                .isZero();
        assertThat(err.toString())
                .contains("wrote facilities 'pmed1': 1 services")
                .contains("to " + pmed);
        assertThat(run("import", "orlib-pmed", "../data/orlib/pmed1.txt", "--out", pmed.toString()))
                .isZero();
        assertThat(run("validate", pmed.toString())).isZero();
        assertThat(out.toString())
                .contains("valid: facilities 'pmed1': 1 services, 1 regions, 100 demand points, 100 sites");

        Path cap = dir.resolve("cap131.json");
        assertThat(run("import", "orlib-cap", "../data/orlib/cap131.txt", "--out", cap.toString()))
                .isZero();
        assertThat(run("validate", cap.toString())).isZero();
    }

    @Test
    void solvesHolmbergP1ToItsPublishedOptimumWithAProof() throws Exception {
        Path problem = dir.resolve("p1.json");
        assertThat(run("import", "holmberg", "../data/sscflp-holmberg/p1", "--out", problem.toString()))
                .isZero();
        // p47 ends in NUL bytes followed by stale numbers: the importer stops at the first NUL.
        assertThat(run(
                        "import",
                        "holmberg",
                        "../data/sscflp-holmberg/p47",
                        "--out",
                        dir.resolve("p47.json").toString()))
                .isZero();
        assertThat(run("validate", dir.resolve("p47.json").toString())).isZero();
        Path solution = dir.resolve("p1-solution.json");
        // The bound meets the plan (8,848, Holmberg et al.'s optimum): the solve stops there, long before 60 s.
        assertThat(run("solve", problem.toString(), "--seconds", "60", "--out", solution.toString()))
                .isZero();
        JsonNode s = Json.readTree(Files.readString(solution));
        assertThat(s.at("/metrics/costs/objective").asDouble()).isEqualTo(8848.0);
        assertThat(s.get("bound").asDouble()).isEqualTo(8848.0);
        assertThat(s.get("gapToBound").asDouble()).isZero();
        assertThat(s.at("/boundDetail/method").asText()).contains("Lagrangian");
    }

    @Test
    void solvesTheProvincesExampleBesideTheFormula() throws Exception {
        Path solution = dir.resolve("provinces.json");
        int code = run(
                "solve",
                "../data/examples/cn-provinces-2019-funds.json",
                "--seconds",
                "5",
                "--out",
                solution.toString());
        assertThat(code).isZero();
        JsonNode s = Json.readTree(Files.readString(solution));
        assertThat(s.get("feasible").asBoolean()).isTrue();
        assertThat(s.get("unallocated").asDouble()).isZero();
        assertThat(s.get("allocations")).hasSize(31);
        assertThat(s.get("baseline").get("allocations")).hasSize(31);
        // The optimum is at least as even as the formula, and both beat no transfers at all.
        double before = s.at("/metrics/before/coverage/gini").asDouble();
        double formula = s.at("/metrics/formula/coverage/gini").asDouble();
        double optimised = s.at("/metrics/optimised/coverage/gini").asDouble();
        assertThat(optimised).isLessThanOrEqualTo(formula).isLessThan(before);
        assertThat(s.get("gapToBound").asDouble()).isBetween(0.0, 1e-6);
        assertThat(s.at("/boundDetail/method").asText()).startsWith("continuous relaxation of the same rules");
        assertThat(err.toString()).containsPattern("bound obtained by +continuous relaxation");
        // Beijing's own revenue covers its standard expenditure: not eligible, nothing.
        assertThat(s.at("/allocations/0/region").asText()).isEqualTo("Beijing");
        assertThat(s.at("/allocations/0/amount").asDouble()).isZero();
    }

    @Test
    void compareShowsWhatChangedBetweenTwoSolutions() throws Exception {
        Path loose = dir.resolve("loose.json");
        Path tight = dir.resolve("tight.json");
        // Same villages; both schools take 100 pupils, A costs 250 and B 300 to open.
        String roomy = """
                {"kind": "facilities", "name": "two villages, roomy schools",
                 "services": [{"id": "school", "maxDistance": 5}],
                 "regions": [{"id": "r1", "rural": true}],
                 "demands": [{"id": "v1", "region": "r1", "x": 0, "y": 0, "demand": {"school": 30}},
                             {"id": "v2", "region": "r1", "x": 4, "y": 0, "demand": {"school": 50}}],
                 "sites": [{"id": "A", "service": "school", "x": 0, "y": 0, "capacity": 100, "openingCost": 250},
                           {"id": "B", "service": "school", "x": 5, "y": 0, "capacity": 100, "openingCost": 300}],
                 "distances": {"method": "euclidean", "unit": "km"},
                 "objective": {"equity": "none"}}
                """;
        Files.writeString(dir.resolve("p1.json"), roomy);
        assertThat(run("solve", dir.resolve("p1.json").toString(), "--seconds", "1", "--out", loose.toString()))
                .isZero();
        Files.writeString(dir.resolve("p2.json"), SMALL);
        assertThat(run("solve", dir.resolve("p2.json").toString(), "--seconds", "1", "--out", tight.toString()))
                .isZero();
        assertThat(run("compare", loose.toString(), tight.toString())).isZero();
        // Roomy: A alone (250 + 50 x 4 = 450) beats B alone (500) and both (600). Tight (60 places, 100 each):
        // both open, v2 goes to B (200 + 50 x 1 = 250).
        assertThat(out.toString())
                .contains("0hard/0medium/-450soft", "0hard/0medium/-250soft")
                .contains("tight.json against loose.json: better")
                .contains("opened: [B]")
                .contains("v2 (school): A -> B");
        assertThat(run("compare", loose.toString())).isEqualTo(2);
    }

    @Test
    void theBundledExamplesValidate() throws Exception {
        try (var files = Files.list(Path.of("../data/examples"))) {
            for (Path example :
                    files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertThat(run("validate", example.toString()))
                        .as(example.toString())
                        .isZero();
            }
        }
    }

    @Test
    void serveRefusesBadClusterOptionsByNameBeforeStartingAnything() {
        assertThat(run("serve", "--role", "boss")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--role: must be all, api or worker, not 'boss'");
        assertThat(run("serve", "--database", "jdbc:mysql://db/equiplan")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--database: must look like jdbc:postgresql://HOST:PORT/DB");
        assertThat(run("serve", "--database", "jdbc:postgresql://db/equiplan?user=u&password=secret"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("must not carry the password");
        assertThat(run("serve", "--dead-after", "1")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--dead-after: must be between 2 and 3600 seconds");
    }

    @Test
    void serveReadsDatabaseCredentialsFromAFileAndNamesAnUnreachableDatabase() throws Exception {
        Path credentials = Files.writeString(dir.resolve("db.properties"), "user=equiplan\n");
        assertThat(run(
                        "serve",
                        "--database",
                        "jdbc:postgresql://127.0.0.1:1/x",
                        "--db-credentials",
                        credentials.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--db-credentials: the file must have the lines user=... and password=...");
        Files.writeString(credentials, "user=equiplan\npassword=secret\n");
        assertThat(run(
                        "serve",
                        "--database",
                        "jdbc:postgresql://127.0.0.1:1/x",
                        "--db-credentials",
                        credentials.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("error: cannot connect to the database jdbc:postgresql://127.0.0.1:1/x: ")
                .doesNotContain("secret")
                .doesNotContain("\tat ");
    }

    @Test
    void tokensAreCreatedShownOnceListedWithoutSecretsAndRevoked() throws Exception {
        Path data = dir.resolve("data");
        assertThat(run(
                        "token",
                        "create",
                        "--name",
                        "ana",
                        "--role",
                        "planner",
                        "--workspace",
                        "county-a",
                        "--data-dir",
                        data.toString()))
                .isZero();
        String[] lines = out.toString().strip().split("\n");
        String token = lines[lines.length - 1];
        assertThat(token).startsWith("eqp_").hasSizeGreaterThan(40);
        try (org.equiplan.jobs.Database db =
                new org.equiplan.jobs.Database(org.equiplan.jobs.Database.Settings.embedded(data), 2)) {
            assertThat(new org.equiplan.access.Tokens(db.dataSource()).authenticate(token))
                    .hasValueSatisfying(p -> assertThat(p.workspace()).isEqualTo("county-a"));
        }
        out.getBuffer().setLength(0);
        assertThat(run("token", "list", "--data-dir", data.toString())).isZero();
        assertThat(out.toString())
                .contains("ana")
                .contains("planner")
                .contains("county-a")
                .doesNotContain(token);
        assertThat(run("token", "create", "--name", "ana", "--role", "viewer", "--data-dir", data.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("a token named 'ana' exists already");
        assertThat(run("token", "create", "--name", "x", "--role", "boss", "--data-dir", data.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--role: must be viewer, planner or admin, not 'boss'");
        assertThat(run("token", "revoke", "ana", "--data-dir", data.toString())).isZero();
        assertThat(run("token", "revoke", "ana", "--data-dir", data.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("no active token named 'ana'");
    }

    @Test
    void serveRefusesToListenBeyondThisMachineWithoutTokens() {
        assertThat(run(
                        "serve",
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "0",
                        "--data-dir",
                        dir.resolve("d").toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString())
                .contains("--auth: --host 0.0.0.0 is reachable from other machines: add --auth tokens")
                .doesNotContain("\tat ");
        assertThat(run("serve", "--auth", "maybe")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--auth: must be none or tokens, not 'maybe'");
    }

    @Test
    void sweepSolvesEachValueAndWritesThePointsWithTheirFiguresAsCsv() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        int code = run(
                "sweep",
                "../data/examples/cn-provinces-2019-funds.json",
                "--param",
                "/budget",
                "--values",
                "6.5e12,7.4e12",
                "--seconds",
                "1",
                "--out",
                csv.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString())
                .contains("[2/2] /budget=7.4E12: 0hard/0medium/")
                .contains("efficient by placed and coverageGini");
        java.util.List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .isEqualTo(
                        "/budget,job,status,score,placed,coverageGini,minCoverage,perCapitaGini,unallocated,efficient");
        assertThat(lines.get(1)).startsWith("6500000000000,,COMPLETED,").endsWith(",true");

        assertThat(run(
                        "sweep",
                        "../data/examples/cn-provinces-2019-funds.json",
                        "--param",
                        "/budget",
                        "--values",
                        "6.5e12,-1"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("[1].budget: must be");
    }

    @Test
    void compareWithTheProblemsGivesNoVerdictAcrossDifferentProblems() throws Exception {
        String problem = Files.readString(Path.of("../data/examples/cn-provinces-2019-funds.json"));
        Path p1 = Files.writeString(dir.resolve("p1.json"), problem);
        Path p2 = Files.writeString(
                dir.resolve("p2.json"), problem.replace("\"budget\" : 7.4E12", "\"budget\" : 6.5E12"));
        assertThat(Files.readString(p2)).contains("6.5E12");
        Path s1 = dir.resolve("s1.json");
        Path s2 = dir.resolve("s2.json");
        assertThat(run("solve", p1.toString(), "--seconds", "1", "--out", s1.toString()))
                .isZero();
        assertThat(run("solve", p2.toString(), "--seconds", "1", "--out", s2.toString()))
                .isZero();
        out.getBuffer().setLength(0);
        assertThat(run("compare", s1.toString(), s2.toString(), "--problem", p1.toString(), "--problem", p2.toString()))
                .isZero();
        assertThat(out.toString())
                .contains("Different problems: the scores are not compared")
                .contains("s2.json /budget: 7.4E12 -> 6.5E12")
                .contains("s2.json against s1.json: not comparable: different problems");
        assertThat(run("compare", s1.toString(), s2.toString(), "--problem", p1.toString()))
                .isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void importCsvNamesTheProblemAfterTheFileAndEveryBadCellByLine() throws Exception {
        Path csv = Files.writeString(
                dir.resolve("hubei-counties.csv"),
                "\uFEFFid,name,population,standardRevenue,standardExpenditure\na,\"A, north\",1000,50,100\nb,B,2000,80,300\n");
        Path problem = dir.resolve("p.json");
        assertThat(run("import", "csv", csv.toString(), "--budget", "400", "--unit", "10", "--out", problem.toString()))
                .isZero();
        JsonNode p = Json.readTree(Files.readString(problem));
        assertThat(p.get("name").asText()).isEqualTo("hubei-counties");
        assertThat(p.get("regions").get(0).get("name").asText()).isEqualTo("A, north");
        assertThat(err.toString()).contains("wrote funds 'hubei-counties': 2 regions");
        Files.writeString(csv, "id,name,population,standardRevenue,standardExpenditure\na,A,x,50,100\n");
        assertThat(run("import", "csv", csv.toString(), "--budget", "400")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("line 2, population: 'x' is not a number");
    }

    @Test
    void importCountiesKeepsTransfersInWholeUnitsOfTheChosenUnit() throws Exception {
        Path wan = dir.resolve("wan.json");
        assertThat(run("import", "counties", "--regions", "40", "--plan", "--out", wan.toString()))
                .isZero();
        JsonNode p = Json.readTree(Files.readString(wan));
        assertThat(p.get("unit").asDouble()).isEqualTo(1e4);
        // Last year's transfers are whole units of the unit chosen.
        double previous = p.at("/regions/0/previousTransfer").asDouble();
        assertThat(previous % 1e4).isZero();
        Path coarse = dir.resolve("coarse.json");
        assertThat(run("import", "counties", "--regions", "40", "--plan", "--unit", "1e6", "--out", coarse.toString()))
                .isZero();
        JsonNode c = Json.readTree(Files.readString(coarse));
        assertThat(c.get("unit").asDouble()).isEqualTo(1e6);
        double coarsePrevious = c.at("/regions/0/previousTransfer").asDouble();
        assertThat(coarsePrevious % 1e6).isZero();
        assertThat(coarsePrevious).isNotEqualTo(previous); // the same county, rounded differently
        assertThat(run("import", "counties", "--regions", "40", "--unit", "0")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--unit must be a positive number of yuan");
        assertThat(run("import", "counties", "--regions", "0")).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("--regions must be >= 1");
    }

    @Test
    void importPlacesBuildsAFacilityProblemFromVillagesAndSites() throws Exception {
        Path villages = Files.writeString(
                dir.resolve("villages.csv"),
                "id,name,region,x,y,school\nv1,\"Up, north\",r1,0,0,30\nv2,Down,r1,4,0,50\n");
        Path sites = Files.writeString(
                dir.resolve("sites.csv"),
                "id,name,service,x,y,capacity,openingCost\nA,A,school,0,0,60,100\nB,B,school,5,0,60,100\n");
        Path problem = dir.resolve("p.json");
        assertThat(run(
                        "import",
                        "places",
                        "--villages",
                        villages.toString(),
                        "--sites",
                        sites.toString(),
                        "--service",
                        "school:5",
                        "--out",
                        problem.toString()))
                .isZero();
        assertThat(err.toString())
                .contains("wrote facilities 'villages': 1 services, 1 regions, 2 demand points, 2 sites");
        Path solution = dir.resolve("s.json");
        assertThat(run("solve", problem.toString(), "--seconds", "1", "--out", solution.toString()))
                .isZero();
        // The same two villages as SMALL: capacity 60 forces them apart, v1 to A (0 km) and v2 to B (1 km).
        JsonNode answer = Json.readTree(Files.readString(solution));
        assertThat(answer.get("feasible").asBoolean()).isTrue();
        assertThat(answer.get("assignments").get(0).get("site").asText()).isEqualTo("A");
        assertThat(answer.get("assignments").get(1).get("site").asText()).isEqualTo("B");
        assertThat(run(
                        "import",
                        "places",
                        "--villages",
                        villages.toString(),
                        "--sites",
                        sites.toString(),
                        "--service",
                        "clinic:4"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("villages: missing column 'clinic'");
    }
}
