package io.logwarden;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.Browser;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar, started with no Elasticsearch configured (so it runs its embedded node), used through a real
 * headless Chromium: log in and see the overview dashboard's cards and charts drawn from Elasticsearch.
 */
class UiEndToEndIT {

    private static final String PASSWORD = "e2e-Admin-pass-1";
    private static final int EVENTS = 120;

    private static LogwardenProcess app;
    private static int elasticsearchPort;
    private static Duration startup;

    @BeforeAll
    static void startLogwarden() {
        elasticsearchPort = LogwardenProcess.freePort();
        Path workDir = Path.of("target", "e2e", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        app = LogwardenProcess.start(workDir, Map.of("LOGWARDEN_ADMIN_PASSWORD", PASSWORD),
                "--logwarden.elasticsearch.embedded.http-port=" + elasticsearchPort, "--logwarden.ingest.tcp.port=0",
                "--logwarden.elasticsearch.embedded.heap=512m");
        startup = app.awaitHealthy(Duration.ofMinutes(4));
        System.out.printf("e2e: Logwarden with embedded Elasticsearch healthy after %d ms%n", startup.toMillis());
        seedEvents();
    }

    @AfterAll
    static void stopLogwarden_and_its_embedded_elasticsearch_stops_too() throws InterruptedException {
        if (app == null) {
            return;
        }
        app.close();
        Instant deadline = Instant.now().plusSeconds(30);
        while (elasticsearchAnswers() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(elasticsearchAnswers()).as("the embedded Elasticsearch still answers after Logwarden stopped")
                .isFalse();
    }

    private static boolean elasticsearchAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", elasticsearchPort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void seedEvents() {
        HttpTestClient elasticsearch = new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort));
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = now.minus(i * 10L, ChronoUnit.MINUTES);
            String index = "logwarden-events-" + at.toString().substring(0, 10).replace('-', '.');
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n")
                    .append("{\"@timestamp\":\"").append(at).append("\",\"message\":\"order ").append(i)
                    .append(" shipped\",\"log\":{\"level\":\"").append(i % 10 == 0 ? "error" : "info")
                    .append("\"},\"service\":{\"name\":\"").append(i % 3 == 0 ? "billing" : "shop")
                    .append("\"},\"event\":{\"action\":\"order.ship\",\"duration\":").append((i + 1) * 1_000_000L)
                    .append("},\"audit\":{\"source\":\"").append(i % 2 == 0 ? "user" : "system")
                    .append("\",\"status\":\"success\"},\"user\":{\"name\":\"user").append(i % 4)
                    .append("\"}}\n");
        }
        var response = elasticsearch.post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"errors\":false");
    }

    @Test
    void admin_logs_in_and_sees_events_per_hour_from_elasticsearch() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            Instant opened = Instant.now();
            browser.get(app.url().resolve("/").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")))
                    .sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();

            WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#events-per-hour-chart[data-rendered]")));
            System.out.printf("e2e: login to rendered chart took %d ms%n",
                    Duration.between(opened, Instant.now()).toMillis());

            // 24 h in 10-minute buckets, one series per level (info, error)
            assertThat(Integer.parseInt(chart.getDomAttribute("data-rendered"))).isGreaterThan(0);
            assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
            assertThat(chart.getDomAttribute("data-legend")).contains("\"info\"", "\"error\"");
            assertThat(browser.findElement(By.id("events-24h-total")).getText()).isEqualTo(String.valueOf(EVENTS));
            for (String id : List.of("volume-by-service-chart", "volume-by-source-chart", "error-rate-chart",
                    "duration-chart", "top-actions-chart", "top-users-chart", "user-vs-system-chart")) {
                WebElement other = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("logwarden-echart#" + id + "[data-rendered]")));
                assertThat(Integer.parseInt(other.getDomAttribute("data-rendered"))).as(id).isGreaterThan(0);
                assertThat(other.findElements(By.tagName("canvas"))).as(id).isNotEmpty();
            }
            assertThat(browser.findElement(By.id("volume-by-service-chart")).getDomAttribute("data-legend"))
                    .contains("\"shop\"", "\"billing\"");
            assertThat(browser.findElement(By.id("events-per-hour-chart-csv")).getDomAttribute("href")).isNotBlank();
            // an item's text includes its nested items' labels (Timeline under Search): compare the first line
            assertThat(browser.findElements(By.cssSelector("vaadin-side-nav-item")))
                    .extracting(item -> item.getText().lines().findFirst().orElse(""))
                    .containsSubsequence("Search", "Dashboards", "Jobs", "Anomalies", "Alerts", "Exports",
                            "Audit trail", "System", "Admin");

            // The anomaly score gauge sits beside the cards.
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#anomaly-score-gauge[data-rendered]")));

            // CSV download: the data behind the chart, one row per bucket.
            String csv = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0].href, {credentials: 'same-origin'}).then(r => r.text()).then(done);",
                    browser.findElement(By.id("events-per-hour-chart-csv")));
            List<String> rows = csv.lines().toList();
            assertThat(rows.getFirst()).startsWith("bucket_start,").contains("info", "error");
            assertThat(rows).hasSizeGreaterThan(140);
            assertThat(rows.stream().skip(1).mapToLong(UiEndToEndIT::rowSum).sum()).isEqualTo(EVENTS);

            // A real click on a legend entry hides that series.
            clickAt(browser, chart, (List<?>) browser.executeScript("return arguments[0].legendItemCenter('info')",
                    chart));
            wait.until(d -> legendSelected(browser).contains("\"info\":false"));
            clickAt(browser, chart, (List<?>) browser.executeScript("return arguments[0].legendItemCenter('info')",
                    chart));
            wait.until(d -> legendSelected(browser).contains("\"info\":true"));

            // Dark mode restyles the charts already drawn, not only the page around them.
            assertThat(chart.getDomAttribute("data-text-color")).isEqualTo("#333");
            String lightPixels = canvasPixels(browser, chart);
            browser.findElement(By.id("theme-toggle")).click();
            wait.until(d -> "dark".equals(browser.executeScript("return document.documentElement.getAttribute('theme')")));
            wait.until(d -> "#ddd".equals(chart.getDomAttribute("data-text-color")));
            wait.until(d -> !canvasPixels(browser, chart).equals(lightPixels));
            wait.until(d -> chart.getSize().getHeight() > 100);
            Path shot = Path.of("target", "screenshots", "dashboard.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

            // A real click on a point of a line (lines draw no symbols: the click lands on the line) opens Search
            // on that service's errors in that bucket.
            WebElement errorRate = browser.findElement(By.id("error-rate-chart"));
            List<?> onLine = (List<?>) browser.executeScript("""
                    const o = JSON.parse(arguments[0].option);
                    const s = o.series.find(x => x.name === 'shop');
                    const i = s.data.findIndex((p, k) => p[1] !== null && k + 1 < s.data.length && s.data[k + 1][1] !== null);
                    const a = arguments[0].pixelOf('shop', i), b = arguments[0].pixelOf('shop', i + 1);
                    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];""", errorRate);
            clickAt(browser, errorRate, onLine);
            wait.until(ExpectedConditions.urlContains("/search?"));
            assertThat(browser.getCurrentUrl()).contains("service.name%3A%22shop%22", "log.level%3A%22error%22",
                    "from=", "to=");

            // A real click on a bar of the "error" series opens Search with that filter and the bucket's range.
            browser.get(app.url().resolve("/dashboards").toString());
            WebElement levels = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#events-per-hour-chart[data-rendered]")));
            List<?> bar = (List<?>) browser.executeScript("""
                    const o = JSON.parse(arguments[0].option);
                    const s = o.series.find(x => x.name === 'error');
                    const i = s.data.findIndex(p => p[1] > 0);
                    const xy = arguments[0].pixelOf('error', i);
                    return [xy[0], xy[1], s.data[i][0]];""", levels);
            clickAt(browser, levels, bar);
            wait.until(ExpectedConditions.urlContains("/search?"));
            assertThat(browser.getCurrentUrl()).contains("q=log.level%3A%22error%22")
                    .contains("from=" + Instant.ofEpochMilli(((Number) bar.get(2)).longValue()).toString()
                            .replace(":", "%3A"));

            // The dark choice holds on every view, also when a page is loaded afresh.
            browser.get(app.url().resolve("/jobs").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-statistics")));
            wait.until(d -> "dark".equals(browser.executeScript("return document.documentElement.getAttribute('theme')")));

            // Auto-refresh: the server re-queries on its own and pushes the new state (Vaadin Push).
            browser.get(app.url().resolve("/dashboards?refresh=10s").toString());
            WebElement updated = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".dashboard-updated[data-updated]")));
            String first = updated.getDomAttribute("data-updated");
            wait.until(d -> !first.equals(d.findElement(By.cssSelector(".dashboard-updated"))
                    .getDomAttribute("data-updated")));
            assertThat(browser.findElement(By.cssSelector(".dashboard-updated")).getText()).startsWith("Updated");

            // System view: health components and the index list.
            browser.get(app.url().resolve("/system").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#health-components [data-component=elasticsearch]")));
            assertThat(browser.findElements(By.cssSelector("#health-components [data-component]")))
                    .extracting(e -> e.getDomAttribute("data-component"))
                    .containsExactly("elasticsearch", "ingest", "errorRate", "activity");
            assertThat(browser.findElement(By.cssSelector("#health-components [data-component=elasticsearch]"))
                    .getDomAttribute("data-level")).isIn("HEALTHY", "DEGRADED");
            wait.until(d -> d.findElement(By.id("index-list")).getText().contains("logwarden-events-"));
        } finally {
            browser.quit();
        }
    }

    /**
     * Anomaly records written to the anomalies index of the real Elasticsearch (as the detectors write them) are drawn
     * by ECharts over the charts they concern: an error-rate anomaly of billing on the error-rate chart, a duration
     * anomaly of order.ship on the duration chart, a silent-source anomaly of shop on the volume-by-service chart; a
     * false positive and an anomaly of a service the charts do not show are left out, and charts without overlays
     * draw none.
     */
    @Test
    void recorded_anomalies_are_drawn_over_the_charts_they_concern() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String errorRate = "e2e-error-rate-billing";
        String duration = "e2e-duration-order-ship";
        String silent = "e2e-silent-shop";
        String falsePositive = "e2e-false-positive";
        String elsewhere = "e2e-other-service";
        recordAnomaly(errorRate, "error_rate", "service", "billing", "billing", now.minus(Duration.ofHours(3)),
                "open");
        recordAnomaly(duration, "duration", "action", "order.ship", "shop", now.minus(Duration.ofHours(5)), "open");
        recordAnomaly(silent, "silent_source", "service", "shop", "shop", now.minus(Duration.ofHours(2)), "open");
        recordAnomaly(falsePositive, "error_rate", "service", "shop", "shop", now.minus(Duration.ofHours(4)),
                "false_positive");
        recordAnomaly(elsewhere, "error_rate", "service", "ledger", "ledger", now.minus(Duration.ofHours(6)),
                "open");

        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(app.url().resolve("/dashboards?range=24h").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")))
                    .sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();

            WebElement errorChart = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#error-rate-chart[data-rendered]")));
            // the overlays arrive in their own push after the charts: wait for ECharts to have drawn them
            wait.until(d -> anomaliesDrawn(errorChart).contains(errorRate));
            // the detectors of the running app may add their own: assert ours are there and the left-out ones are not
            assertThat(anomaliesDrawn(errorChart)).contains(errorRate)
                    .doesNotContain(falsePositive, elsewhere, duration, silent);
            assertThat(errorChart.getDomAttribute("data-legend")).contains("\"Anomalies\"");

            WebElement durationChart = browser.findElement(By.id("duration-chart"));
            wait.until(d -> anomaliesDrawn(durationChart).contains(duration));
            assertThat(anomaliesDrawn(durationChart)).contains(duration)
                    .doesNotContain(errorRate, falsePositive, elsewhere, silent);

            WebElement serviceChart = browser.findElement(By.id("volume-by-service-chart"));
            wait.until(d -> anomaliesDrawn(serviceChart).contains(silent));
            assertThat(anomaliesDrawn(serviceChart)).contains(silent)
                    .doesNotContain(errorRate, falsePositive, elsewhere, duration);

            for (String id : List.of("events-per-hour-chart", "volume-by-source-chart")) {
                WebElement other = browser.findElement(By.id(id));
                assertThat(other.getDomAttribute("data-rendered")).as(id).isNotNull();
                assertThat(anomaliesDrawn(other)).as(id).isEmpty();
                assertThat(other.getDomAttribute("data-legend")).as(id).doesNotContain("Anomalies");
            }
            // the shaded window lies where the anomaly was: ECharts resolved the markArea at its start and end
            Object window = browser.executeScript("""
                    const o = JSON.parse(arguments[0].option);
                    const s = o.series.find(x => x.name === 'Anomalies');
                    return s.markArea.data.map(a => [a[0].xAxis, a[1].xAxis]);""", errorChart);
            assertThat(String.valueOf(window)).contains("[" + now.minus(Duration.ofHours(3)).toEpochMilli() + ", "
                    + now.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(10)).toEpochMilli() + "]");
        } finally {
            browser.quit();
            // the other tests click on these charts: leave them as they were
            new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort)).post(
                    "/logwarden-anomalies-*/_delete_by_query?refresh=true", "application/json",
                    "{\"query\":{\"ids\":{\"values\":[\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"]}}}"
                            .formatted(errorRate, duration, silent, falsePositive, elsewhere));
        }
    }

    /** The anomaly ids whose pins ECharts drew on a chart (its data-anomalies attribute). */
    private static List<String> anomaliesDrawn(WebElement chart) {
        String ids = chart.getDomAttribute("data-anomalies");
        if (ids == null || ids.equals("[]")) {
            return List.of();
        }
        return List.of(ids.substring(2, ids.length() - 2).split("\",\""));
    }

    /** One anomaly document as the detectors store it, in the daily anomalies index of its window's start. */
    private static void recordAnomaly(String id, String detector, String entityType, String entity, String service,
                                      Instant start, String feedback) {
        HttpTestClient elasticsearch = new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort));
        Instant end = start.plus(Duration.ofMinutes(10));
        String index = "logwarden-anomalies-" + start.toString().substring(0, 10).replace('-', '.');
        String document = """
                {"id":"%s","@timestamp":"%s","detector":"%s","score":88.0,"severity":"high",
                 "entity":{"type":"%s","id":"%s:%s","name":"%s"},"window":{"start":"%s","end":"%s"},
                 "explanation":"e2e anomaly","service":{"name":"%s"},"tenants":[],"feedback":"%s",
                 "learning":"none","actual":12.0,"expected":{"low":1.0,"high":3.0},"unit":"%%","evidence":{},
                 "detected_at":"%s","updated_at":"%s"}""".formatted(id, start, detector, entityType, entityType,
                entity, entity, start, end, service, feedback, end, end);
        var response = elasticsearch.put("/" + index + "/_doc/" + id + "?refresh=true", "application/json", document);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    /** A real pointer click at a position (pixels from the element's top left) on an element. */
    private static void clickAt(ChromeDriver browser, WebElement element, List<?> position) {
        assertThat(position).as("position on %s", element.getDomAttribute("id")).isNotNull();
        double x = ((Number) position.get(0)).doubleValue();
        double y = ((Number) position.get(1)).doubleValue();
        // Selenium offsets from the centre of the element's visible part: show it whole first.
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
        var size = element.getSize();
        new Actions(browser).moveToElement(element, (int) Math.round(x - size.getWidth() / 2.0),
                (int) Math.round(y - size.getHeight() / 2.0)).click().perform();
    }

    /** The legend state of the events-per-hour chart; fails at once if the click left the dashboard. */
    private static String legendSelected(ChromeDriver browser) {
        assertThat(browser.getCurrentUrl()).as("a legend click stays on the dashboard").doesNotContain("/search");
        return String.valueOf(browser.findElement(By.id("events-per-hour-chart"))
                .getDomAttribute("data-legend-selected"));
    }

    private static String canvasPixels(ChromeDriver browser, WebElement chart) {
        return (String) browser.executeScript("return arguments[0].querySelector('canvas').toDataURL()", chart);
    }

    /** Sum of the counts of one CSV row (after the bucket start). */
    private static long rowSum(String row) {
        String[] cells = row.split(",");
        long sum = 0;
        for (int i = 1; i < cells.length; i++) {
            sum += cells[i].isEmpty() ? 0 : Long.parseLong(cells[i]);
        }
        return sum;
    }

    @Test
    void html_and_script_in_audited_data_are_shown_as_text_and_never_run() throws Exception {
        HttpTestClient http = new HttpTestClient(app.url());
        String img = "<img src=x onerror=window.__xss=1>";
        String script = "<script>window.__xss=2</script>";
        for (String payload : new String[]{img, script}) {
            assertThat(http.get("/api/v1/me", payload, "whatever").statusCode()).isEqualTo(401);
        }
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(app.url().resolve("/audit").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")))
                    .sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();

            wait.until(d -> d.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .anyMatch(c -> c.getText().equals(img)));
            assertThat(browser.findElements(By.cssSelector("vaadin-grid-cell-content")))
                    .extracting(WebElement::getText).contains(img, script);
            assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
            assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);

            browser.get(app.url().resolve("/admin").toString());
            wait.until(d -> d.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .anyMatch(c -> c.getText().equals("admin")));
        } finally {
            browser.quit();
        }
    }
}
