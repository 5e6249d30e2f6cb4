package io.logwarden.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.base.ui.SearchLink;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.Browser;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenProcess;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged jar with its embedded Elasticsearch, used through headless Chromium: search, open an event, copy it,
 * see its surrounding events, filter by a field value from the sidebar, follow a link from another view, keep and
 * reopen a saved search, and stream new events with live tail.
 */
class SearchBrowserIT {

    private static final String PASSWORD = "search-Browser-pass-1";
    private static final int EVENTS = 90;
    /** Finds the first element matching a CSS selector anywhere, inside shadow roots too (overlays, dialogs). */
    private static final String DEEP_FIND = """
            const [selector, text] = arguments;
            const found = [];
            const visit = root => {
              root.querySelectorAll(selector).forEach(e => found.push(e));
              root.querySelectorAll('*').forEach(e => e.shadowRoot && visit(e.shadowRoot));
            };
            visit(document);
            return found.find(e => !text || (e.textContent || '').trim().startsWith(text)) || null;
            """;

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

    /**
     * Within the view's default range (last 15 minutes): every third event is "shop", every other one an order, every
     * fifth an error; all on host web-1, five seconds apart.
     */
    private static void seed() {
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            Instant at = now.minusSeconds(5L * i + 5);
            event(bulk, "browser-" + i, at, "\"message\":\"" + (i % 2 == 0 ? "order " + i + " shipped" : "cache refreshed " + i)
                    + "\",\"log\":{\"level\":\"" + (i % 5 == 0 ? "error" : "info") + "\"},\"service\":{\"name\":\""
                    + (i % 3 == 0 ? "shop" : "billing") + "\"},\"host\":{\"name\":\"web-1\"}");
        }
        index(bulk);
    }

    @Test
    void searches_opens_an_event_and_filters_by_a_field_value() throws Exception {
        inBrowser((browser, wait) -> {
            open(browser, wait, "/search");
            wait.until(d -> "90".equals(total(d)));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#search-histogram[data-rendered]")));

            // search: the URL says so
            WebElement query = browser.findElement(By.cssSelector("#search-query input"));
            query.sendKeys("order");
            browser.findElement(By.id("search-button")).click();
            wait.until(d -> "45".equals(total(d)));
            wait.until(d -> urlParameter(d, "q").equals("order"));

            // open the newest event, its JSON, copy it
            WebElement cell = wait.until(d -> d.findElements(By.cssSelector("#search-results vaadin-grid-cell-content"))
                    .stream().filter(c -> c.getText().startsWith("order 0 shipped")).findFirst().orElse(null));
            cell.click();
            wait.until(d -> d.findElements(By.cssSelector("#event-detail vaadin-tab")).stream()
                    .filter(t -> t.getText().equals("JSON")).findFirst().orElse(null)).click();
            WebElement json = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("event-json")));
            wait.until(d -> json.getAttribute("textContent").contains("order 0 shipped"));
            assertThat(json.getAttribute("textContent")).contains("\"shop\"");
            // as on a plain-HTTP deployment: no Clipboard API; the fallback copies, or the view says it could not
            browser.executeScript("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})");
            browser.findElement(By.id("event-copy")).click();
            WebElement copied = wait.until(d -> deep(d, "vaadin-notification-card", "Co"));
            String copiedText = copied.getAttribute("textContent").strip();
            assertThat(copiedText).satisfiesAnyOf(
                    t -> assertThat(t).startsWith("Copied the event's JSON"),
                    t -> assertThat(t).startsWith("Could not copy: this browser allows the clipboard only on HTTPS"));

            // surrounding events from the same host, the event among them
            browser.findElement(By.id("event-surrounding")).click();
            WebElement around = wait.until(d -> deep(d, "#surrounding-grid", null));
            wait.until(d -> around.getAttribute("textContent").contains("order 0 shipped")
                    && around.getAttribute("textContent").contains("cache refreshed 1"));
            deep(browser, "#surrounding-close", null).click();
            wait.until(d -> deep(d, "#surrounding-grid", null) == null);

            // filter by service.name = shop from the field sidebar, built from the fields of the results
            browser.findElement(By.cssSelector("#field-service-name vaadin-details-summary")).click();
            WebElement shop = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                    "#field-service-name .field-value-row[data-value='shop'] vaadin-button.filter-in")));
            shop.click();
            wait.until(d -> "15".equals(total(d)));
            assertThat(browser.findElement(By.cssSelector("#search-query input")).getDomProperty("value"))
                    .isEqualTo("(order) AND service.name:\"shop\"");
            wait.until(d -> urlParameter(d, "q").equals("(order) AND service.name:\"shop\""));

            Path shot = Path.of("target", "screenshots", "search.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

            // the written URL is shareable: opened afresh it shows the same search
            String shared = browser.getCurrentUrl();
            browser.get(shared);
            wait.until(d -> "15".equals(total(d)));

            // click-drag over part of the histogram: the range becomes absolute and fewer events match
            WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("logwarden-echart#search-histogram[data-rendered]")));
            int width = chart.getSize().getWidth();
            new Actions(browser).moveToElement(chart, width / 4, 0).clickAndHold()
                    .moveByOffset(width / 5, 0).release().perform();
            wait.until(d -> d.findElements(By.cssSelector("vaadin-date-time-picker")).stream()
                    .anyMatch(WebElement::isDisplayed));
            wait.until(d -> total(d) != null && Integer.parseInt(total(d)) < 15);
            wait.until(d -> urlParameter(d, "from").matches("\\d{4}-.*Z"));
        });
    }

    @Test
    void opens_the_search_a_link_from_another_view_points_at() {
        inBrowser((browser, wait) -> {
            Instant now = Instant.now();
            SearchLink link = new SearchLink("log.level:\"error\"", now.minus(Duration.ofMinutes(30)), now);
            open(browser, wait, "/" + link.url());
            wait.until(d -> "18".equals(total(d)));
            assertThat(browser.findElement(By.cssSelector("#search-query input")).getDomProperty("value"))
                    .isEqualTo("log.level:\"error\"");
            assertThat(urlParameter(browser, "from")).isEqualTo(link.from().toString());
            // columns are part of the URL too
            open(browser, wait, "/search?q=order&from=now-1h&cols=host.name,log.logger");
            wait.until(d -> "45".equals(total(d)));
            wait.until(d -> d.findElements(By.cssSelector("#search-results vaadin-grid-sorter, "
                    + "#search-results vaadin-grid-cell-content")).stream().anyMatch(c -> c.getText().equals("log.logger")));
            assertThat(urlParameter(browser, "cols")).isEqualTo("host.name,log.logger");
        });
    }

    @Test
    void keeps_reopens_renames_and_deletes_a_saved_search() {
        String name = "Shop orders " + UUID.randomUUID().toString().substring(0, 6);
        inBrowser((browser, wait) -> {
            open(browser, wait, "/search?q=" + encode("order AND service.name:shop") + "&from=now-1h");
            wait.until(d -> "15".equals(total(d)));
            browser.findElement(By.id("search-saved")).click();
            wait.until(d -> deep(d, "vaadin-context-menu-item", "Save current search")).click();
            WebElement nameField = wait.until(d -> deep(d, "#saved-name", null));
            nameField.findElement(By.cssSelector("input")).sendKeys(name);
            deep(browser, "#saved-everyone", null).click();
            deep(browser, "#saved-submit", null).click();
            wait.until(d -> deep(d, "vaadin-notification-card", "Saved \"" + name) != null);

            // elsewhere, then back through the saved search: query and range come back
            open(browser, wait, "/search?q=cache&from=now-15m");
            wait.until(d -> "45".equals(total(d)));
            browser.findElement(By.id("search-saved")).click();
            wait.until(d -> deep(d, "vaadin-context-menu-item", name)).click();
            wait.until(d -> "15".equals(total(d)));
            assertThat(browser.findElement(By.cssSelector("#search-query input")).getDomProperty("value"))
                    .isEqualTo("order AND service.name:shop");
            wait.until(d -> urlParameter(d, "from").equals("now-1h"));

            // rename it, then delete it, in the manage dialog
            browser.findElement(By.id("search-saved")).click();
            wait.until(d -> deep(d, "vaadin-context-menu-item", "Manage saved searches")).click();
            wait.until(d -> deep(d, "[data-saved='" + name + "'] .saved-edit", null)).click();
            WebElement rename = wait.until(d -> deep(d, "#saved-name", null)).findElement(By.cssSelector("input"));
            rename.sendKeys(" renamed");
            deep(browser, "#saved-submit", null).click();
            wait.until(d -> deep(d, "[data-saved='" + name + " renamed'] .saved-delete", null)).click();
            wait.until(d -> deep(d, "#saved-delete-confirm", null)).click();
            wait.until(d -> deep(d, "vaadin-notification-card", "Deleted \"" + name + " renamed") != null);
            // the grid keeps the cells of rows it no longer shows, hidden
            wait.until(d -> {
                WebElement row = deep(d, "[data-saved='" + name + " renamed']", null);
                return row == null || !row.isDisplayed();
            });
            // and the saved searches menu no longer offers it
            deep(browser, "#saved-searches-close", null).click();
            wait.until(d -> deep(d, "#saved-searches", null) == null);
            browser.findElement(By.id("search-saved")).click();
            wait.until(d -> deep(d, "vaadin-context-menu-item", "Manage saved searches") != null);
            assertThat(deep(browser, "vaadin-context-menu-item", name)).isNull();
        });
    }

    @Test
    void live_tail_streams_new_matching_events_into_the_grid_and_pauses() {
        String marker = "tail" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        inBrowser((browser, wait) -> {
            open(browser, wait, "/search?q=" + encode("labels.marker:" + marker));
            wait.until(d -> "0".equals(total(d)));
            browser.findElement(By.id("live-tail")).click();
            wait.until(d -> "0".equals(tailCount(d)));
            tailEvents(marker, 0, 3);
            wait.until(d -> "3".equals(tailCount(d)));
            wait.until(d -> d.findElements(By.cssSelector("#search-results vaadin-grid-cell-content")).stream()
                    .anyMatch(c -> c.getText().equals("tailed 2")));

            browser.findElement(By.id("live-tail-pause")).click();
            wait.until(d -> d.findElement(By.id("live-tail-pause")).getText().equals("Resume"));
            tailEvents(marker, 3, 2);
            sleep(Duration.ofSeconds(3));
            assertThat(tailCount(browser)).isEqualTo("3");
            browser.findElement(By.id("live-tail-pause")).click();
            wait.until(d -> "5".equals(tailCount(d)));

            // stopping shows the search again, now with the tailed events
            browser.findElement(By.id("live-tail")).click();
            wait.until(d -> "5".equals(total(d)));
        });
    }

    /** Events received now ({@code event.ingested}) with the marker, {@code "tailed <n>"}. */
    private static void tailEvents(String marker, int first, int count) {
        StringBuilder bulk = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            Instant now = Instant.now();
            event(bulk, marker + "-" + i, now, "\"message\":\"tailed " + i + "\",\"labels\":{\"marker\":\"" + marker
                    + "\"},\"event\":{\"ingested\":\"" + now.plusMillis(i) + "\"}");
        }
        index(bulk);
    }

    private interface BrowserSteps {
        void run(ChromeDriver browser, WebDriverWait wait) throws Exception;
    }

    private static void inBrowser(BrowserSteps steps) {
        ChromeDriver browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        try {
            logIn(browser, wait);
            steps.run(browser, wait);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            browser.quit();
        }
    }

    private static void logIn(ChromeDriver browser, WebDriverWait wait) {
        browser.get(app.url().resolve("/login").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("vaadin-login-form input[name=username]"))).sendKeys("admin");
        browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private static void open(ChromeDriver browser, WebDriverWait wait, String path) {
        browser.get(app.url().resolve(path).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search-status")));
    }

    private static WebElement deep(WebDriver driver, String selector, String text) {
        return (WebElement) ((ChromeDriver) driver).executeScript(DEEP_FIND, selector, text);
    }

    private static String total(WebDriver driver) {
        List<WebElement> status = driver.findElements(By.id("search-status"));
        return status.isEmpty() ? null : status.getFirst().getDomAttribute("data-total");
    }

    private static String tailCount(WebDriver driver) {
        List<WebElement> status = driver.findElements(By.id("search-status"));
        return status.isEmpty() ? null : status.getFirst().getDomAttribute("data-tail-count");
    }

    /** A query parameter of the address bar, decoded; "" when absent. */
    private static String urlParameter(WebDriver driver, String name) {
        String url = driver.getCurrentUrl();
        int query = url.indexOf('?');
        if (query < 0) {
            return "";
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void event(StringBuilder bulk, String id, Instant at, String fields) {
        bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at)).append("\",\"_id\":\"").append(id)
                .append("\"}}\n{\"@timestamp\":\"").append(at).append("\",").append(fields).append("}\n");
    }

    private static void index(StringBuilder bulk) {
        var response = new HttpTestClient(URI.create("http://127.0.0.1:" + elasticsearchPort))
                .post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\":true");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
