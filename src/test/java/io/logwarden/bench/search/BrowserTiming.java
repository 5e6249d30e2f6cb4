package io.logwarden.bench.search;

import io.logwarden.testsupport.Browser;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Search view in headless Chromium: time from navigation start (the browser's own clock,
 * {@code performance.now()}) until the first result rows and the histogram are drawn, over several loads of the
 * same search URL after a few warm-up loads.
 */
final class BrowserTiming {

    static final int WARMUP = 3;
    static final int LOADS = 10;
    /** Resolves with performance.now() once the grid shows a row and the histogram has drawn its bars. */
    private static final String RENDERED = """
            const done = arguments[arguments.length - 1];
            const check = () => {
              const status = document.getElementById('search-status');
              const chart = document.querySelector('logwarden-echart#search-histogram[data-rendered]');
              const cell = [...document.querySelectorAll('#search-results vaadin-grid-cell-content')]
                  .find(c => /^\\d{4}-\\d{2}-\\d{2} /.test(c.textContent || ''));
              if (status && status.getAttribute('data-total') && chart && cell) {
                done(performance.now());
              } else {
                requestAnimationFrame(check);
              }
            };
            check();
            """;

    private BrowserTiming() {
    }

    static void measure(int port, String password, String path) {
        ChromeDriver browser;
        try {
            browser = Browser.start();
        } catch (RuntimeException e) {
            System.out.println("\nbrowser: not measured: " + e.getMessage());
            return;
        }
        try {
            String base = "http://127.0.0.1:" + port;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
            browser.get(base + "/login");
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-login-form input[name=username]"))).sendKeys("admin");
            browser.findElement(By.cssSelector("vaadin-login-form input[name=password]")).sendKeys(password);
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
            double[] ms = new double[LOADS];
            for (int i = -WARMUP; i < LOADS; i++) {
                browser.get(base + path);
                double rendered = ((Number) browser.executeAsyncScript(RENDERED)).doubleValue();
                if (i >= 0) {
                    ms[i] = rendered;
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%nbrowser: %s from navigation to first rows + histogram drawn, %d loads "
                    + "after %d warm-up: median %.0f ms, max %.0f ms (target < 1000 ms)%n", path, LOADS, WARMUP,
                    (ms[LOADS / 2 - 1] + ms[LOADS / 2]) / 2, ms[LOADS - 1]);
        } finally {
            browser.quit();
        }
    }
}
