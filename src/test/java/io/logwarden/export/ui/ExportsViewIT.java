package io.logwarden.export.ui;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar in a real headless Chromium: an admin starts a CSV export in the Exports view, sees its progress
 * bar, and the finished job (pushed from the background runner, no reload) offers Download and Verify.
 */
class ExportsViewIT {

    private static final String PASSWORD = "exports-Admin-pass-1";
    private static final int EVENTS = 20_000;

    private static LogwardenProcess app;

    @BeforeAll
    static void startLogwarden() {
        int elasticsearchPort = LogwardenProcess.freePort();
        Path workDir = Path.of("target", "e2e-exports", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        app = LogwardenProcess.start(workDir, Map.of("LOGWARDEN_ADMIN_PASSWORD", PASSWORD),
                "--logwarden.elasticsearch.embedded.http-port=" + elasticsearchPort,
                "--logwarden.elasticsearch.embedded.heap=512m", "--logwarden.export.page-size=500");
        app.awaitHealthy(Duration.ofMinutes(4));
        HttpTestClient elasticsearch = new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort));
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
    }

    @AfterAll
    static void stopLogwarden() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void admin_starts_an_export_and_sees_it_finish_with_download_and_verify() throws Exception {
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

            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-progress-bar.export-progress[data-export-id]")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//a[text()='Download']")));
            assertThat(browser.findElement(By.xpath("//a[text()='Download']")).getDomAttribute("download"))
                    .isNotNull();
            assertThat(browser.findElement(By.cssSelector("vaadin-progress-bar.export-progress"))
                    .getDomProperty("value")).isEqualTo("100");

            browser.findElement(By.xpath("//vaadin-button[text()='Verify']")).click();
            wait.until(d -> String.valueOf(browser.executeScript("return Array.from(document.querySelectorAll("
                    + "'vaadin-notification-card')).map(c => c.textContent).join('|')")).contains("Verified"));

            Path shot = Path.of("target", "screenshots", "exports.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }
}
