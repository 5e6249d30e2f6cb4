package io.logwarden;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.Browser;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar, started with no Elasticsearch configured (so it runs its embedded node), used through a real
 * headless Chromium: log in and see the events-per-hour chart drawn from Elasticsearch.
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
                "--logwarden.elasticsearch.embedded.http-port=" + elasticsearchPort,
                "--logwarden.elasticsearch.embedded.heap=512m");
        startup = app.awaitHealthy(Duration.ofMinutes(4));
        System.out.printf("e2e: Logwarden with embedded Elasticsearch healthy after %d ms%n", startup.toMillis());
        seedEvents();
    }

    @AfterAll
    static void stopLogwarden() throws InterruptedException {
        if (app != null) {
            app.close();
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
                    .append("\"},\"service\":{\"name\":\"shop\"}}\n");
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

            assertThat(Integer.parseInt(chart.getDomAttribute("data-rendered"))).isEqualTo(24);
            assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
            assertThat(browser.findElement(By.id("events-24h-total")).getText())
                    .isEqualTo(String.valueOf(eventsInChartRange()));
            assertThat(browser.findElements(By.cssSelector("vaadin-side-nav-item"))).extracting(WebElement::getText)
                    .contains("Search", "Dashboards", "Anomalies", "Alerts", "Exports", "Admin");

            wait.until(d -> chart.getSize().getHeight() > 100);
            Path shot = Path.of("target", "screenshots", "dashboard.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    /** The chart covers the last 23 whole hours plus the current one; older seeded events fall outside. */
    private static long eventsInChartRange() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        Instant now = Instant.now();
        long count = 0;
        for (int i = 0; i < EVENTS; i++) {
            if (!now.minus(i * 10L, ChronoUnit.MINUTES).isBefore(from)) {
                count++;
            }
        }
        return count;
    }
}
