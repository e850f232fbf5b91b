package org.equiplan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.equiplan.access.Authenticator;
import org.equiplan.access.TokenRole;
import org.equiplan.access.Tokens;
import org.equiplan.jobs.Database;
import org.equiplan.jobs.JobService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): submit examples, see the map and the Lorenz curves, compare two jobs. Screenshots go to
 * web/target/screenshots.
 */
class WebPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private EquiplanServer server;
    private Database database;
    private JobService jobs;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            // CI installs the browser: there, its absence is a failure, not a reason to skip.
            assertThat(available).as("chromium and chromedriver in /usr/bin").isTrue();
        }
        assumeTrue(available, "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1200",
                "--user-data-dir=" + dir.resolve("chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90)) {
            @Override
            protected RuntimeException timeoutException(String message, Throwable lastException) {
                // Says what the page showed, so a failure on a CI machine can be understood from its log.
                return new TimeoutException(message + "\n" + pageState(), lastException);
            }
        };
    }

    /** Starts the service with this kind of accounts and opens the page; the token store, to make tokens. */
    private Tokens openPage(Authenticator.Mode auth) {
        EquiplanServer.Settings settings = EquiplanServer.Settings.embedded(
                        0, dir.resolve("data"), 1, 50L * 1024 * 1024, JobService.Limits.defaults(), 200, 100)
                .withAuth(auth);
        database = new Database(settings.database(), 8);
        jobs = new JobService(database, settings.jobs());
        server = new EquiplanServer(settings, database, jobs).start();
        browser.get("http://localhost:" + server.port() + "/");
        return new Tokens(database.dataSource());
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            jobs.close();
            database.close();
        }
    }

    private void submit(String example, String seconds) {
        wait.until(d -> !d.findElements(By.cssSelector("#example option[value='" + example + "']"))
                .isEmpty());
        new Select(browser.findElement(By.id("example"))).selectByValue(example);
        WebElement limit = browser.findElement(By.id("seconds"));
        limit.clear();
        limit.sendKeys(seconds);
        browser.findElement(By.id("submit")).click();
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target/screenshots");
        Files.createDirectories(target);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The job list, the detail and error panels and the browser's console, for failure messages. */
    private String pageState() {
        StringBuilder b = new StringBuilder("--- page at the timeout ---");
        for (String id : List.of("jobs", "detail", "errors")) {
            try {
                String text = browser.findElement(By.id(id)).getText();
                b.append("\n#")
                        .append(id)
                        .append(": ")
                        .append(text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
            } catch (RuntimeException e) {
                b.append("\n#")
                        .append(id)
                        .append(": (")
                        .append(e.getClass().getSimpleName())
                        .append(')');
            }
        }
        try {
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                b.append("\nconsole ").append(entry.getLevel()).append(": ").append(entry.getMessage());
            }
        } catch (RuntimeException e) {
            b.append("\nconsole: not available (")
                    .append(e.getClass().getSimpleName())
                    .append(')');
        }
        try {
            screenshot("timeout");
        } catch (Exception e) {
            b.append("\nno screenshot: ").append(e);
        }
        return b.toString();
    }

    /** Ticks every job's box; the list re-renders every few seconds, so each box is looked up afresh. */
    private void selectEveryJob() {
        List<String> ids = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).stream()
                        .map(r -> r.getAttribute("data-id"))
                        .toList());
        for (String id : ids) {
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        WebElement box = d.findElement(By.cssSelector("#jobs input[data-id='" + id + "']"));
                        if (!box.isSelected()) {
                            box.click();
                        }
                        return box.isSelected();
                    });
        }
    }

    private int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    /**
     * The series of the ECharts chart drawn in the element with this id, series id to number of data items; empty until
     * the chart is drawn.
     */
    @SuppressWarnings("unchecked")
    private java.util.Map<String, Long> series(String id) {
        Object out = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "const box = document.getElementById(arguments[0]);"
                                + " const chart = box && window.echarts && echarts.getInstanceByDom(box);"
                                + " if (!chart) return {};"
                                + " const m = {}; chart.getOption().series.forEach(s => m[s.id] = (s.data || []).length);"
                                + " return m;",
                        id);
        return (java.util.Map<String, Long>) out;
    }

    @Test
    void submitSolveAndLookAtMapLorenzCurvesAndComparison() throws Exception {
        openPage(Authenticator.Mode.NONE);
        assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
        // Transfers: three Lorenz curves with their Gini, coverage bars for all 31 provinces.
        submit("cn-provinces-2019-funds", "1");
        wait.until(d -> series("lorenz").size() == 4); // the line of equality and three curves
        assertThat(series("lorenz")).containsKeys("equality", "before", "formula", "optimised");
        assertThat(browser.findElement(By.id("lorenz")).getText()).contains("before: Gini", "optimised: Gini");
        wait.until(d -> series("bars").size() == 3);
        assertThat(series("bars")).containsEntry("optimised", 31L).containsEntry("before", 31L);
        assertThat(browser.findElement(By.id("analysis")).getText())
                .contains("Coverage spread: cost ")
                .doesNotContain("soft");
        // Money in the problem's unit (1e8 yuan: 亿元), shares as percentages.
        assertThat(browser.findElement(By.id("detail")).getText())
                .contains("74,000 亿元", "transfer (亿元)", "coverage (%)");
        // How the bound was obtained, folded under its summary as on the facility side.
        assertThat(count("#funds-bound-detail")).isEqualTo(1);
        assertThat(browser.findElement(By.cssSelector("#funds-bound-detail summary"))
                        .getText())
                .isEqualTo("How the lower bound was obtained");
        screenshot("funds");

        // Facilities: the map with every village, the open sites, region outlines and the explanation.
        submit("chongyang-facilities", "3");
        wait.until(d -> count("#map .site.open") > 0
                && d.findElements(By.id("analysis")).size() == 1);
        assertThat(count("#map path.village")).isEqualTo(202);
        assertThat(count("#map .site.open")).isGreaterThanOrEqualTo(24);
        assertThat(count("#map path.region")).isEqualTo(12);
        assertThat(count("#map path.link")).isEqualTo(404);
        // A Leaflet map (from its WebJar): a scale bar and a legend; zoom redraws the symbols; a click on a village
        // shows which site serves it and how far.
        assertThat(count("#map .leaflet-control-scale-line")).isEqualTo(1);
        assertThat(browser.findElement(By.cssSelector("#map .map-legend")).getText())
                .contains("school", "clinic");
        WebElement village = browser.findElement(By.cssSelector("#map path.village"));
        String before = village.getAttribute("d");
        browser.findElement(By.cssSelector("#map .leaflet-control-zoom-in")).click();
        wait.until(d -> !before.equals(village.getAttribute("d")));
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", village);
        wait.until(d -> count("#map .leaflet-popup-content") == 1);
        assertThat(browser.findElement(By.cssSelector("#map .leaflet-popup-content"))
                        .getText())
                .contains("region: ")
                .containsPattern("school: .+, [0-9.]+");
        // The answer's proven lower bound, its gap and how it was obtained. The first answers come before the
        // bound (it never delays a feasible plan), so the page shows it once the bound phase has run.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("detail")).getText().contains("lower bound"));
        assertThat(browser.findElement(By.id("detail")).getText()).contains("lower bound", "gap to bound");
        // The header reads in cost units; the raw score is only in its tooltip.
        WebElement header = browser.findElement(By.cssSelector("#detail p.score .readable-score"));
        assertThat(header.getText()).contains("cost ").doesNotContain("soft");
        assertThat(header.getAttribute("title")).contains("hard/").contains("soft");
        assertThat(count("#bound-detail")).isEqualTo(1);
        screenshot("facilities-map");

        // A second transfer job, then both compared side by side.
        submit("cn-provinces-2019-funds", "1");
        wait.until(
                d -> d.findElements(By.cssSelector("#jobs td.status-COMPLETED")).size() == 3);
        // The list re-renders every few seconds (the page keeps the ticks), so each box is looked up afresh.
        List<String> fundsJobs = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    List<String> ids = new java.util.ArrayList<>();
                    for (WebElement row : d.findElements(By.cssSelector("#jobs tbody tr"))) {
                        if (row.getText().contains("funds")) {
                            ids.add(row.getAttribute("data-id"));
                        }
                    }
                    return ids;
                });
        assertThat(fundsJobs).hasSize(2);
        for (String id : fundsJobs) {
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        d.findElement(By.cssSelector("#jobs input[data-id='" + id + "']"))
                                .click();
                        return true;
                    });
        }
        wait.until(d -> d.findElement(By.id("compare-button")).isEnabled());
        browser.findElement(By.id("compare-button")).click();
        wait.until(
                d -> count("#compare-table thead th") == 3 && series("lorenz").size() == 3);
        assertThat(browser.findElement(By.id("detail")).getText()).contains("Comparing 2 funds jobs", "no difference");
        screenshot("compare");
        assertThat(count("#errors li")).isZero();

        // An uploaded CSV of regions with a bad row: the field errors are listed, nothing is queued.
        Path csv = dir.resolve("regions.csv");
        Files.writeString(
                csv, "id,name,population,standardRevenue,standardExpenditure\n" + "a,A,1000,50,100\nb,B,0,80,100\n");
        browser.findElement(By.id("file")).sendKeys(csv.toString());
        wait.until(d -> d.findElement(By.id("csv-fields")).isDisplayed());
        browser.findElement(By.id("csv-budget")).sendKeys("40");
        browser.findElement(By.id("submit")).click();
        wait.until(d -> count("#errors li") > 0);
        assertThat(browser.findElement(By.id("errors")).getText()).contains("regions[1].population: must be > 0");
        // A quoted comma is one field; a cell that is not a number is named by line and column.
        Path quoted = dir.resolve("quoted.csv");
        Files.writeString(
                quoted,
                "id,name,population,standardRevenue,standardExpenditure\n" + "a,\"Anxian, north\",1000,50,100\n"
                        + "b,白河县,abc,80,100\n");
        browser.findElement(By.id("file")).sendKeys(quoted.toString());
        browser.findElement(By.id("submit")).click();
        wait.until(d -> d.findElement(By.id("errors")).getText().contains("line 3, population"));
        assertThat(browser.findElement(By.id("errors")).getText())
                .contains("line 3, population: 'abc' is not a number");
        assertThat(count("#jobs tbody tr")).isEqualTo(3);
        screenshot("validation-errors");
        // With a categories file whose categories carry budgets: one form, the budgets earmarked, the job solved
        // and its categories shown.
        Path byGroup = dir.resolve("by-group.csv");
        Files.writeString(
                byGroup,
                "id,name,population,standardRevenue,people:children\n" + "a,Anxian,1000,50000,200\n"
                        + "b,白河县,2000,80000,500\n");
        Path categories = dir.resolve("categories.json");
        Files.writeString(
                categories,
                "[{\"id\": \"education\", \"standards\": {\"children\": 1000}, \"budget\": 300000},"
                        + " {\"id\": \"administration\", \"standards\": {\"residents\": 100}, \"budget\": 100000}]");
        browser.findElement(By.id("file")).sendKeys(byGroup.toString());
        browser.findElement(By.id("csv-budget")).clear();
        WebElement unit = browser.findElement(By.id("csv-unit"));
        unit.clear();
        unit.sendKeys("1000");
        browser.findElement(By.id("csv-categories")).sendKeys(categories.toString());
        browser.findElement(By.id("submit")).click();
        wait.until(d -> count("#jobs tbody tr") == 4);
        wait.until(d -> d.findElement(By.id("detail")).getText().contains("Transfers by category"));
        assertThat(browser.findElement(By.id("detail")).getText()).contains("Earmarked category budgets", "education");
    }

    @Test
    void withTokensThePageAsksForOneOnceAndWorksWithIt() throws Exception {
        Tokens tokens = openPage(Authenticator.Mode.TOKENS);
        String token = tokens.create("ana", TokenRole.PLANNER, "county-a");
        wait.until(d -> d.findElement(By.id("token-form")).isDisplayed());
        assertThat(browser.findElement(By.id("token-form")).getText()).contains("a token is required");
        screenshot("token");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("token-submit")).click();
        wait.until(d -> !d.findElement(By.id("token-form")).isDisplayed());

        // With the token: examples load, a job is submitted, followed live (EventSource) and drawn.
        submit("cn-provinces-2019-funds", "1");
        wait.until(d -> series("lorenz").size() == 4);
        wait.until(d -> count("#jobs td.status-COMPLETED") == 1);
        assertThat(browser.findElement(By.linkText("download CSV")).getAttribute("href"))
                .contains("access_token=");
        assertThat(jobs.list("county-a", 0, 10)).hasSize(1);
        assertThat(count("#errors li")).isZero();
    }

    /** An earmarked problem shows each category's budget and evenness, and each county's transfer by category. */
    @Test
    void earmarkedBudgetsAreShownByCategory() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("counties-earmarked-300-funds", "3");
        wait.until(d -> count("#jobs td.status-COMPLETED") == 1);
        wait.until(d -> browser.findElement(By.id("detail")).getText().contains("Transfers by category"));
        assertThat(browser.findElement(By.id("detail")).getText())
                .contains("Earmarked category budgets", "教育", "一般公共服务", "教育 coverage (%)");
        screenshot("earmarked");
        assertThat(count("#errors li")).isZero();
    }

    /**
     * A three-year plan shows its years and each county's path; switching rank preservation on in the edit form
     * re-solves with the rule, and the new answer reports it.
     */
    @Test
    void aPlanOverYearsIsShownAndRankPreservationSwitchedOnForTheNextScenario() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("counties-plan-300-funds", "3");
        wait.until(d -> count("#edit-form") == 1 && count("#jobs td.status-COMPLETED") == 1);
        // The answer's tables are drawn after the job's status (one clean-clone run asserted in between).
        wait.until(d -> d.findElement(By.id("detail")).getText().contains("Years of the plan"));
        assertThat(browser.findElement(By.id("detail")).getText())
                .contains("Years of the plan", "Transfers over the years", "Standard expenditure by category")
                .contains("2025", "2027");
        // The plan's budgets are edited per year.
        assertThat(count("#edit-form input[data-path='[\"years\",2,\"budget\"]']"))
                .isEqualTo(1);
        screenshot("plan");
        browser.findElement(By.id("edit-rank")).click();
        browser.findElement(By.id("edit-rank-tolerance")).sendKeys("0.05");
        browser.findElement(By.id("edit-submit")).click();
        wait.until(d -> count(".lineage") == 1);
        assertThat(browser.findElement(By.cssSelector(".lineage")).getText()).contains("rankPreservation");
        wait.until(d -> count("#jobs td.status-COMPLETED") == 2);
        String child = browser.findElement(By.cssSelector("#jobs tbody tr")).getAttribute("data-id");
        JsonNode answer = org.equiplan.problem.Json.readTree(
                new Http(server.port()).get("/api/jobs/" + child + "/solution").body());
        assertThat(answer.get("rank").get("tolerance").asDouble()).isEqualTo(0.05);
        assertThat(answer.get("years")).hasSize(3);
    }

    @Test
    void editAndResolveThenCompareTwoBudgetsWithoutAVerdict() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("cn-provinces-2019-funds", "1");
        wait.until(d -> count("#edit-form") == 1 && count("#jobs td.status-COMPLETED") == 1);
        WebElement budget = browser.findElement(By.cssSelector("#edit-form input[data-path='[\\\"budget\\\"]']"));
        budget.clear();
        budget.sendKeys("6500000000000");
        browser.findElement(By.id("edit-submit")).click();
        // The new job is shown with its lineage, and solves.
        wait.until(d -> count(".lineage") == 1);
        assertThat(browser.findElement(By.cssSelector(".lineage")).getText())
                .contains("Scenario of", "/budget 7,400,000,000,000 → 6,500,000,000,000");
        wait.until(d -> count("#jobs td.status-COMPLETED") == 2);
        screenshot("scenario");
        selectEveryJob();
        wait.until(d -> d.findElement(By.id("compare-button")).isEnabled());
        browser.findElement(By.id("compare-button")).click();
        wait.until(d -> count("#different-problems") == 1);
        assertThat(browser.findElement(By.id("input-differences")).getText()).contains("/budget");
        assertThat(browser.findElement(By.id("detail")).getText())
                .contains("not comparable: different problems")
                .doesNotContain(": better")
                .doesNotContain(": worse");
        screenshot("compare-budgets");
    }

    @Test
    void aBudgetSweepIsDrawnWithItsEfficientPoints() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("cn-provinces-2019-funds", "1");
        wait.until(d -> count("#sweep-form") == 1);
        new Select(browser.findElement(By.id("sweep-parameter"))).selectByValue("/budget");
        browser.findElement(By.id("sweep-values")).sendKeys("5.5e12, 6.5e12, 7.4e12");
        WebElement seconds = browser.findElement(By.id("sweep-seconds"));
        seconds.clear();
        seconds.sendKeys("1");
        browser.findElement(By.id("sweep-submit")).click();
        wait.until(d -> count("#sweep-points a.sweep-point") == 3
                && d.findElement(By.cssSelector("#detail .hint")).getText().contains("All points solved"));
        // More money buys less inequality at every step: all three are efficient, joined by the front.
        assertThat(count("#sweep-points a.efficient")).isEqualTo(3);
        wait.until(d -> series("sweep-chart").size() == 2);
        assertThat(series("sweep-chart")).containsEntry("points", 3L).containsEntry("front", 3L);
        assertThat(browser.findElement(By.id("sweep-chart")).getText())
                .contains("transfers placed", "Gini of coverage after transfers");
        screenshot("sweep");
        // A point opens its job.
        browser.findElements(By.cssSelector("#sweep-points a.sweep-point"))
                .get(0)
                .click();
        wait.until(d -> count("#edit-form") == 1);
        assertThat(count("#errors li")).isZero();
    }

    @Test
    void aSiteClosedOnTheMapStaysClosedInTheScenario() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("chongyang-facilities", "3");
        wait.until(d -> count("#jobs td.status-COMPLETED") == 1 && count("#edit-form") == 1);
        WebElement site = browser.findElement(By.cssSelector("#map path.site.open.candidate"));
        String id = site.getAttribute("data-site");
        // Symbols can overlap (a village ring over a site): the click goes to the site itself.
        for (int i = 0; i < 2; i++) {
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", site);
        }
        assertThat(browser.findElement(By.id("site-overrides")).getText()).isEqualTo(id + ": force closed");
        String forced = id;
        browser.findElement(By.id("edit-submit")).click();
        wait.until(d -> count(".lineage") == 1);
        assertThat(browser.findElement(By.cssSelector(".lineage")).getText())
                .contains("/sites[id=" + forced + "]/state")
                .contains("→ closed");
        wait.until(d -> count("#jobs td.status-COMPLETED") == 2);
        String child = browser.findElement(By.cssSelector("#jobs tbody tr")).getAttribute("data-id");
        JsonNode answer = org.equiplan.problem.Json.readTree(
                new Http(server.port()).get("/api/jobs/" + child + "/solution").body());
        for (JsonNode s : answer.get("sites")) {
            if (s.get("id").asText().equals(id)) {
                assertThat(s.get("state").asText()).isEqualTo("closed");
                assertThat(s.get("open").asBoolean()).isFalse();
            }
        }
        screenshot("site-closed");
        // Both plans compared on one map: the closed site ringed red.
        selectEveryJob();
        wait.until(d -> d.findElement(By.id("compare-button")).isEnabled());
        browser.findElement(By.id("compare-button")).click();
        wait.until(d -> count("#compare-map-0") == 1);
        // Against the scenario the parent opens the site: ringed on exactly one of the two maps (which one depends on
        // the list's order, and two jobs finished within the same second may come either way).
        // The maps draw their sites after the panel appears: wait for the ring rather than read it at once.
        String ringed = "#compare-map-0 .site.opened-here[data-site='" + id + "'], "
                + "#compare-map-1 .site.opened-here[data-site='" + id + "']";
        wait.until(d -> count(ringed) >= 1);
        assertThat(count(ringed)).isEqualTo(1);
        screenshot("compare-map");
    }

    @Test
    void aJobBeingSolvedShowsItsProgressLiveAndItsPlanWhenDone() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("chongyang-facilities", "6");
        wait.until(d -> series("progress-chart").getOrDefault("best", 0L) >= 2);
        // The block is redrawn twice a second: each look finds it afresh.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("progress-text")).getText().contains("s of 6 s"));
        screenshot("progress");
        // The end redraws the job: no progress block, the plan and the edit form.
        wait.until(d -> count("#jobs td.status-COMPLETED") == 1 && count("#progress") == 0 && count("#edit-form") == 1);
        assertThat(count("#map .site.open")).isPositive();
    }

    @Test
    void theLanguageSwitchShowsThePageInChineseAndBack() throws Exception {
        openPage(Authenticator.Mode.NONE);
        browser.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("submit")).getText().equals("求解"));
        assertThat(browser.findElement(By.id("submit-form")).getText()).contains("提交问题", "求解时限（秒）");
        submit("cn-provinces-2019-funds", "1");
        wait.until(d -> series("lorenz").size() == 4);
        assertThat(browser.findElement(By.id("detail")).getText())
                .contains("人均财力洛伦兹曲线", "已分配", "亿元", "分配结果")
                // The service's reasons, written in English, read in Chinese.
                .contains("提升至共同保障水平")
                .doesNotContain("lifted to the common coverage level");
        // The bars are drawn whatever the language (their series ids are not translated).
        wait.until(d -> series("bars").getOrDefault("optimised", 0L) == 31);
        screenshot("chinese");
        browser.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("submit")).getText().equals("Solve"));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("detail")).getText().contains("Lorenz curves of per-capita resources"));
    }

    @Test
    void aCountyScaleProblemShowsAHistogramAndASearchableTable() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("counties-2800-funds", "2");
        wait.until(d -> series("coverage-histogram").getOrDefault("optimised", 0L) > 0);
        assertThat(count("#bars")).isZero();
        WebElement allocations = wait.until(d -> d.findElements(By.cssSelector(".sortable-table")).stream()
                .filter(t -> t.getText().contains("reason"))
                .findFirst()
                .orElse(null));
        assertThat(allocations.findElements(By.cssSelector("tbody tr"))).hasSize(200);
        assertThat(browser.findElement(By.cssSelector(".table-note")).getText()).contains("200 of 2,800 rows shown");
        WebElement search =
                browser.findElements(By.cssSelector(".table-search")).get(0);
        String first = allocations.findElement(By.cssSelector("tbody tr td")).getText();
        search.sendKeys(first);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".sortable-table"))
                                .get(0)
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        < 200);
        screenshot("counties");
    }

    @Test
    void villagesAndSitesUploadedAsCsvAreSolved() throws Exception {
        openPage(Authenticator.Mode.NONE);
        Path villages = dir.resolve("my-county.csv");
        Files.writeString(villages, "id,name,region,x,y,school\nv1,\"Up, north\",r1,0,0,30\nv2,Down,r1,4,0,50\n");
        Path sites = dir.resolve("sites.csv");
        Files.writeString(
                sites, "id,name,service,x,y,capacity,openingCost\nA,A,school,0,0,60,100\nB,B,school,5,0,60,100\n");
        browser.findElement(By.cssSelector("#places summary")).click();
        browser.findElement(By.id("places-villages")).sendKeys(villages.toString());
        browser.findElement(By.id("places-sites")).sendKeys(sites.toString());
        browser.findElement(By.id("places-services")).sendKeys("school:5");
        WebElement limit = browser.findElement(By.id("seconds"));
        limit.clear();
        limit.sendKeys("1");
        browser.findElement(By.id("places-submit")).click();
        wait.until(d -> count("#jobs td.status-COMPLETED") == 1 && count("#map .site.open") == 2);
        assertThat(browser.findElement(By.id("jobs")).getText()).contains("my-county");
        // A bad cell is named by file, line and column.
        Files.writeString(villages, "id,region,x,y,school\nv1,r1,north,0,30\n");
        browser.findElement(By.id("places-villages")).sendKeys(villages.toString());
        browser.findElement(By.id("places-submit")).click();
        wait.until(d -> d.findElement(By.id("places-errors")).getText().contains("villages line 2, x"));
        assertThat(count("#jobs tbody tr")).isEqualTo(1);
    }

    @Test
    void aRegionClickedOnTheBarsGetsTheFloorSetForTheScenario() throws Exception {
        openPage(Authenticator.Mode.NONE);
        submit("cn-provinces-2019-funds", "1");
        // The region's name on the chart's axis is clicked as a person would (ECharts finds it by position; the
        // chart may still be settling, so a click that opened nothing is repeated, as a person would).
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            if (count("#region-overrides .region-min") > 0) {
                return true;
            }
            WebElement hebei = count("#edit-form") == 0
                    ? null
                    : d.findElements(By.cssSelector("#bars svg text")).stream()
                            .filter(e -> e.getText().equals("河北省"))
                            .findFirst()
                            .orElse(null);
            if (hebei != null) {
                new org.openqa.selenium.interactions.Actions(browser)
                        .moveToElement(hebei)
                        .click()
                        .perform();
            }
            return count("#region-overrides .region-min") > 0;
        });
        browser.findElement(By.cssSelector("#region-overrides .region-min")).sendKeys("800000000000");
        browser.findElement(By.id("edit-submit")).click();
        wait.until(d -> count(".lineage") == 1);
        assertThat(browser.findElement(By.cssSelector(".lineage")).getText())
                .contains("/regions[id=Hebei]/minTransfer");
        wait.until(d -> count("#jobs td.status-COMPLETED") == 2);
        String child = browser.findElement(By.cssSelector("#jobs tbody tr")).getAttribute("data-id");
        JsonNode answer = org.equiplan.problem.Json.readTree(
                new Http(server.port()).get("/api/jobs/" + child + "/solution").body());
        for (JsonNode a : answer.get("allocations")) {
            if (a.get("region").asText().equals("Hebei")) {
                assertThat(a.get("amount").asDouble()).isGreaterThanOrEqualTo(8e11);
            }
        }
    }
}
