package io.logwarden.export.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.Browser;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar in a real headless Chromium: an admin starts a CSV export in the Exports view, sees its progress
 * bar, and the finished job (pushed from the background runner, no reload) offers Download, Manifest and Verify;
 * a copy is proven by its SHA-256 in the "Verify a copy" dialog; a dashboard widget's "Export…" link fills in and
 * runs a widget export; the Retention view shows its dry run.
 */
class ExportsViewIT {

    private static final String PASSWORD = "exports-Admin-pass-1";
    private static final int EVENTS = 20_000;
    private static final String DASHBOARD = "exports-view-dashboard";

    private static LogwardenProcess app;
    private static HttpTestClient elasticsearch;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startLogwarden() {
        int elasticsearchPort = LogwardenProcess.freePort();
        Path workDir = Path.of("target", "e2e-exports", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        app = LogwardenProcess.start(workDir, Map.of("LOGWARDEN_ADMIN_PASSWORD", PASSWORD),
                "--logwarden.elasticsearch.embedded.http-port=" + elasticsearchPort, "--logwarden.ingest.tcp.port=0",
                "--logwarden.elasticsearch.embedded.heap=512m", "--logwarden.export.page-size=500");
        app.awaitHealthy(Duration.ofMinutes(4));
        elasticsearch = new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort));
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = now.minusMillis(1000L + i * 100L);
            String index = "logwarden-events-" + at.toString().substring(0, 10).replace('-', '.');
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n")
                    .append("{\"@timestamp\":\"").append(at).append("\",\"message\":\"order ").append(i)
                    .append(" shipped\",\"log\":{\"level\":\"info\"},\"service\":{\"name\":\"shop\"}}\n");
        }
        var response = elasticsearch.post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.body()).contains("\"errors\":false");
        var dashboard = elasticsearch.put("/.logwarden-dashboards/_doc/" + DASHBOARD + "?refresh=true",
                "application/json", """
                {"id":"%s","title":"Shop","owner":"admin","sharedWith":[],"updatedAt":"%s",
                 "widgets":[{"title":"By service","type":"BAR_BREAKDOWN","query":"","field":"service.name"}]}"""
                        .formatted(DASHBOARD, now));
        assertThat(dashboard.statusCode()).as(dashboard.body()).isIn(200, 201);
    }

    @AfterAll
    static void stopLogwarden() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void admin_exports_verifies_a_copy_exports_a_widget_and_previews_retention() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(app.url().resolve("/exports").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-login-form input[name=username]"))).sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();

            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-button[text()='Start export']")))
                    .click();

            String id = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-progress-bar.export-progress[data-export-id]")))
                    .getDomAttribute("data-export-id");
            HttpTestClient api = new HttpTestClient(app.url());
            wait.until(d -> json.readTree(api.get("/api/v1/exports/" + id, "admin", PASSWORD).body())
                    .path("state").asString().equals("COMPLETED"));
            // pushed by the background runner: no reload
            awaitDownloadLinks(browser, wait, 1);
            assertThat(browser.findElement(By.xpath("//a[text()='Download']")).getDomAttribute("download"))
                    .isNotNull();
            assertThat(browser.findElement(By.xpath("//a[text()='Manifest']")).getDomAttribute("download"))
                    .isNotNull();
            WebElement bar = browser.findElement(By.cssSelector("vaadin-progress-bar.export-progress"));
            assertThat(bar.getDomProperty("value")).isEqualTo("100");

            browser.findElement(By.xpath("//vaadin-button[text()='Verify']")).click();
            wait.until(d -> notifications(browser).contains("Verified"));

            String sha256 = json.readTree(api.get("/api/v1/exports/" + id, "admin", PASSWORD).body())
                    .path("sha256").asString();
            // the last action of a wide row: scrolled into the grid's view first
            WebElement verifyCopy = browser.findElement(By.xpath("//vaadin-button[text()='Verify a copy…']"));
            browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", verifyCopy);
            wait.until(ExpectedConditions.elementToBeClickable(verifyCopy)).click();
            WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-text-field#verify-sha256 input")));
            field.sendKeys(sha256);
            browser.findElement(By.xpath("//vaadin-button[text()='Check SHA-256']")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("verify-result"), "data-valid", "true"));
            assertThat(browser.findElement(By.id("verify-result")).getText()).startsWith("Verified");
            browser.findElement(By.xpath("//vaadin-button[text()='Close']")).click();
            screenshot(browser, "exports.png");

            browser.get(app.url().resolve("/exports?dashboard=" + DASHBOARD + "&widget=0&from="
                    + URLEncoder.encode(Instant.now().minusSeconds(86_400).toString(), StandardCharsets.UTF_8)
                    + "&to=" + URLEncoder.encode(Instant.now().plusSeconds(60).toString(), StandardCharsets.UTF_8))
                    .toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-button[text()='Export widget']")))
                    .click();
            awaitDownloadLinks(browser, wait, 2);
            JsonNode widgetJob = json.readTree(api.get("/api/v1/exports?size=1", "admin", PASSWORD).body())
                    .path("jobs").get(0);
            assertThat(widgetJob.path("purpose").asString()).isEqualTo("widget");
            assertThat(api.get("/api/v1/exports/" + widgetJob.path("id").asString()
                    + "/download", "admin", PASSWORD).body()).isEqualTo("service.name,count\r\nshop,"
                    + EVENTS + "\r\n");

            browser.get(app.url().resolve("/retention").toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("retention-summary"),
                    "daily indices"));
            assertThat(browser.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                    .map(WebElement::getText)).anyMatch(text -> text.startsWith("logwarden-events-"));
        } finally {
            browser.quit();
        }
    }

    /** Waits for the finished jobs' Download links; on a timeout keeps a screenshot and says what the grid shows. */
    private static void awaitDownloadLinks(ChromeDriver browser, WebDriverWait wait, int links) throws Exception {
        try {
            wait.until(d -> d.findElements(By.xpath("//a[text()='Download']")).size() >= links);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot(browser, "exports-no-download.png");
            throw new AssertionError("No " + links + " Download link(s); the grid shows: " + browser.findElements(
                    By.cssSelector("vaadin-grid-cell-content")).stream().map(WebElement::getText)
                    .filter(t -> !t.isBlank()).toList(), e);
        }
    }

    private static String notifications(ChromeDriver browser) {
        return String.valueOf(browser.executeScript("return Array.from(document.querySelectorAll("
                + "'vaadin-notification-card')).map(c => c.textContent).join('|')"));
    }

    private static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }
}
