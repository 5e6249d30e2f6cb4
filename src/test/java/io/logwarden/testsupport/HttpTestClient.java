package io.logwarden.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP calls to a running Logwarden or Elasticsearch, with optional Basic credentials. */
public final class HttpTestClient {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    public HttpTestClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> get(String path, String username, String password) {
        return send(request(path).header("Authorization", basic(username, password)).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> put(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A JSON POST with Basic credentials. */
    public HttpResponse<String> post(String path, String username, String password, String json) {
        return send(request(path).header("Authorization", basic(username, password))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> put(String path, String contentType, String body, String username, String password) {
        return send(request(path).header("Authorization", basic(username, password)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
