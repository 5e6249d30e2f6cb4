package io.logwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.testsupport.Browser;
import io.logwarden.testsupport.LogwardenProcess;
import io.logwarden.testsupport.TestElasticsearch;
import io.logwarden.testsupport.TestUsers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar through headless Chromium: the admin's ingest status panel refreshes by itself as lines arrive,
 * and the dead-letter browser lists rejected lines and shows an HTML-looking original as text, never as markup.
 */
class IngestAdminBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LogwardenProcess app;
    private static String key;

    @BeforeAll
    static void startLogwarden() throws Exception {
        Path workDir = Path.of("target", "e2e-ingest", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        // The run's Elasticsearch may already hold the admin account other ITs created with this password.
        app = LogwardenProcess.start(workDir, Map.of(),
                "--logwarden.elasticsearch.url=" + TestElasticsearch.url(), "--logwarden.data-dir=" + workDir,
                "--logwarden.ingest.tcp.port=0", "--logwarden.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "--logwarden.anomaly.enabled=false", "--logwarden.alert.enabled=false");
        app.awaitHealthy(Duration.ofMinutes(5));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(app.url().resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"browser\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        key = JSON.readTree(created.body()).get("key").asText();
    }

    @AfterAll
    static void stopLogwarden() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    private static void ingest(String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(app.url().resolve("/api/v1/ingest"))
                .header("Authorization", "ApiKey " + key).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String metric(WebDriver browser, String name) {
        return browser.findElement(By.cssSelector(".summary-card[data-metric='" + name + "'] .summary-value"))
                .getText();
    }

    private static long count(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    @Test
    void status_panel_refreshes_itself_and_dead_letters_show_the_original_line_as_text() throws Exception {
        String run = UUID.randomUUID().toString();
        String markup = "<img src=x onerror=\"document.title='pwned-" + run + "'\"><b>bold " + run + "</b>";
        ingest("{\"message\":\"first " + run + "\"}\n");

        ChromeDriver browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        try {
            browser.get(app.url().resolve("/admin/ingest").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-login-form input[name=username]"))).sendKeys(TestUsers.ADMIN);
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]"))
                    .sendKeys(TestUsers.ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();
            if (!browser.getCurrentUrl().endsWith("/admin/ingest")) {
                wait.until(d -> !d.findElements(By.cssSelector("vaadin-side-nav-item")).isEmpty());
                browser.get(app.url().resolve("/admin/ingest").toString());
            }
            wait.until(d -> !d.findElements(By.cssSelector(".summary-card[data-metric='received']")).isEmpty());
            wait.until(d -> count(metric(d, "received")) >= 1);
            long before = count(metric(browser, "received"));
            long rejectedBefore = count(metric(browser, "rejected"));

            // No reload: the panel polls and shows the new lines, the rejected reason and the drained journal.
            ingest("{\"message\":\"second " + run + "\"}\n" + markup + "\n{\"message\":\"third " + run + "\"}\n");
            wait.until(d -> count(metric(d, "received")) >= before + 3);
            wait.until(d -> count(metric(d, "rejected")) >= rejectedBefore + 1);
            wait.until(d -> metric(d, "journal-lag").equals("0 B"));
            assertThat(browser.findElement(By.id("ingest-rejected")).getText()).contains("malformed_json");
            assertThat(browser.findElement(By.id("ingest-shipper")).getText())
                    .isEqualTo("Shipping to Elasticsearch: OK");
            assertThat(metric(browser, "last-event")).endsWith("s ago");
            assertThat(browser.findElements(By.cssSelector("vaadin-side-nav-item"))).extracting(WebElement::getText)
                    .as("both views nested under Admin").contains("Admin\nIngest\nDead letters");

            browser.get(app.url().resolve("/admin/dead-letters").toString());
            WebElement counted = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#dead-letter-count[data-count]")));
            assertThat(Long.parseLong(counted.getDomAttribute("data-count"))).isPositive();
            assertThat(counted.getText()).contains("dead letter");
            WebElement cell = wait.until(d -> d.findElements(By.cssSelector("#dead-letter-grid vaadin-grid-cell-content"))
                    .stream().filter(c -> c.getText().contains("bold " + run)).findFirst().orElse(null));
            assertThat(cell.getText()).contains("<b>bold " + run + "</b>");
            cell.click();
            WebElement original = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.id("dead-letter-original")));
            assertThat(original.getText()).isEqualTo(markup);
            assertThat(original.findElements(By.tagName("b"))).as("shown as text, not markup").isEmpty();
            assertThat(original.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.getTitle()).doesNotContain("pwned");

            Path shot = Path.of("target", "screenshots", "dead-letters.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }
}
