package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.storage.IndexNames;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar with its embedded Elasticsearch, used through headless Chromium: search, open an event, filter by
 * a field value from the sidebar.
 */
class SearchBrowserIT {

    private static final String PASSWORD = "search-Browser-pass-1";
    private static final int EVENTS = 90;

    private static LogwardenProcess app;
    private static int elasticsearchPort;

    @BeforeAll
    static void startLogwarden() {
        elasticsearchPort = LogwardenProcess.freePort();
        Path workDir = Path.of("target", "e2e-search", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        app = LogwardenProcess.start(workDir, Map.of("LOGWARDEN_ADMIN_PASSWORD", PASSWORD),
                "--logwarden.elasticsearch.embedded.http-port=" + elasticsearchPort,
                "--logwarden.elasticsearch.embedded.heap=512m");
        app.awaitHealthy(Duration.ofMinutes(5));
        seed();
    }

    @AfterAll
    static void stopLogwarden() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    /** Within the view's default range (last 15 minutes): every third event is "shop", every other one an order. */
    private static void seed() {
        HttpTestClient elasticsearch = new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort));
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = now.minusSeconds(5L * i + 5);
            bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at))
                    .append("\",\"_id\":\"browser-").append(i).append("\"}}\n");
            bulk.append("{\"@timestamp\":\"").append(at).append("\",\"message\":\"")
                    .append(i % 2 == 0 ? "order " + i + " shipped" : "cache refreshed " + i)
                    .append("\",\"log\":{\"level\":\"").append(i % 5 == 0 ? "error" : "info")
                    .append("\"},\"service\":{\"name\":\"").append(i % 3 == 0 ? "shop" : "billing")
                    .append("\"},\"host\":{\"name\":\"web-1\"}}\n");
        }
        var response = elasticsearch.post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\":true");
    }

    @Test
    void searches_opens_an_event_and_filters_by_a_field_value() throws Exception {
        ChromeDriver browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        try {
            browser.get(app.url().resolve("/search").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-login-form input[name=username]"))).sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();
            if (!browser.getCurrentUrl().endsWith("/search")) {
                wait.until(d -> d.findElements(By.cssSelector("vaadin-side-nav-item")).size() > 0);
                browser.get(app.url().resolve("/search").toString());
            }

            Instant opened = Instant.now();
            wait.until(d -> "90".equals(total(d)));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#search-histogram[data-rendered]")));
            System.out.printf("search e2e: first results and histogram after %d ms%n",
                    Duration.between(opened, Instant.now()).toMillis());

            // search
            WebElement query = browser.findElement(By.cssSelector("#search-query input"));
            query.sendKeys("order");
            browser.findElement(By.id("search-button")).click();
            wait.until(d -> "45".equals(total(d)));

            // open the newest event
            WebElement cell = wait.until(d -> d.findElements(By.cssSelector("#search-results vaadin-grid-cell-content"))
                    .stream().filter(c -> c.getText().startsWith("order 0 shipped")).findFirst().orElse(null));
            cell.click();
            wait.until(d -> d.findElements(By.cssSelector("#event-detail vaadin-tab")).stream()
                    .filter(t -> t.getText().equals("JSON")).findFirst().orElse(null)).click();
            WebElement json = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("event-json")));
            wait.until(d -> json.getAttribute("textContent").contains("order 0 shipped"));
            assertThat(json.getAttribute("textContent")).contains("\"shop\"");

            // filter by service.name = shop from the field sidebar
            browser.findElement(By.cssSelector("#field-service-name vaadin-details-summary")).click();
            WebElement shop = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                    "#field-service-name .field-value-row[data-value='shop'] vaadin-button.filter-in")));
            shop.click();
            wait.until(d -> "15".equals(total(d)));
            assertThat(browser.findElement(By.cssSelector("#search-query input")).getDomProperty("value"))
                    .isEqualTo("(order) AND service.name:\"shop\"");

            Path shot = Path.of("target", "screenshots", "search.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

            // click-drag over part of the histogram: the range becomes absolute and fewer events match
            WebElement chart = browser.findElement(By.id("search-histogram"));
            int width = chart.getSize().getWidth();
            new Actions(browser).moveToElement(chart, width / 4, 0).clickAndHold()
                    .moveByOffset(width / 5, 0).release().perform();
            wait.until(d -> d.findElements(By.cssSelector("vaadin-date-time-picker")).stream()
                    .anyMatch(WebElement::isDisplayed));
            wait.until(d -> total(d) != null && Integer.parseInt(total(d)) < 15);
        } finally {
            browser.quit();
        }
    }

    private static String total(org.openqa.selenium.WebDriver driver) {
        var status = driver.findElements(By.id("search-status"));
        return status.isEmpty() ? null : status.getFirst().getDomAttribute("data-total");
    }
}
