package io.logwarden.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a browser keeps between requests to the UI: cookies, and the CSRF token the login page hands out. */
final class BrowserSession {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    BrowserSession(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> postForm(String path, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst();
    }

    /** The Spring Security CSRF token of the session, as the login page carries it. */
    static Optional<String> csrfToken(String page) {
        Matcher matcher = CSRF_META.matcher(page);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Opens the login page and submits the form with the page's CSRF token; returns the answer to the POST. */
    HttpResponse<String> logIn(String username, String password) {
        HttpResponse<String> page = get("/login");
        String token = csrfToken(page.body()).orElseThrow(() -> new AssertionError(
                "No CSRF token on the login page: " + page.statusCode() + " " + page.body()));
        return postForm("/login", "username", username, "password", password, "_csrf", token);
    }

    static boolean redirectsToLogin(HttpResponse<String> response) {
        return response.statusCode() == 302 && response.headers().firstValue("Location").orElse("")
                .matches(".*/login(\\?error)?(;.*)?$");
    }
}
