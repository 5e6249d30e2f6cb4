package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Unauthenticated requests to every route are refused. The routes are not listed by hand: they are read from Spring
 * MVC's handler mappings (controllers, actuator, OpenAPI) and Vaadin's route registry, so a new route is covered the
 * day it is added.
 */
@LogwardenIntegrationTest
class RouteCoverageIT {

    /** Routes open without login, by design (README, Endpoints). */
    static final Set<String> PUBLIC = Set.of("/actuator/health", "/login", "/error");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ServletContext servletContext;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") || method.equals("HEAD")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** Every (method, path) of every Spring MVC handler mapping, path variables filled in. */
    private List<String[]> mvcRoutes() {
        List<String[]> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    String path = pattern.replaceAll("\\{\\*[^}]+}", "x").replaceAll("\\{[^}]+}", "x");
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        routes.add(new String[]{method.name(), path});
                    }
                }
            }
        }
        return routes;
    }

    @Test
    void every_controller_and_actuator_route_refuses_anonymous_requests() {
        List<String[]> routes = mvcRoutes();
        Set<String> seen = new TreeSet<>();
        routes.forEach(r -> seen.add(r[1]));
        // the enumeration really found the API: a guard against an empty, always-green loop
        assertThat(seen).contains("/api/v1/events", "/api/v1/users", "/api/v1/audit/verify", "/api/v1/ingest",
                "/api/v1/admin/api-keys", "/api/v1/exports", "/actuator/prometheus", "/api/openapi");
        assertThat(seen.stream().filter(p -> p.startsWith("/api/v1/alerts")).count()).isPositive();
        List<String> open = new ArrayList<>();
        for (String[] route : routes) {
            if (PUBLIC.contains(route[1]) || route[0].equals("OPTIONS")) {
                continue;
            }
            HttpResponse<String> response = send(route[0], route[1]);
            boolean refused = response.statusCode() == 401 || response.statusCode() == 302
                    && response.headers().firstValue("Location").orElse("").matches(".*/login(;.*)?$");
            if (!refused) {
                open.add(route[0] + " " + route[1] + " -> " + response.statusCode());
            }
        }
        assertThat(open).as("routes answering an anonymous caller").isEmpty();
    }

    @Test
    void every_vaadin_route_needs_a_login_except_the_login_page() {
        List<RouteData> routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext))
                .getRegisteredRoutes();
        assertThat(routes).extracting(RouteData::getTemplate).contains("admin", "audit", "search", "login");
        List<String> open = new ArrayList<>();
        for (RouteData route : routes) {
            Class<?> view = route.getNavigationTarget();
            String path = "/" + route.getTemplate().replaceAll("/?:[^/]+[?*]", "").replaceAll(":[^/]+", "x");
            if (view.isAnnotationPresent(AnonymousAllowed.class)) {
                assertThat(path).as(view.getName() + " is open to anonymous users").isEqualTo("/login");
                continue;
            }
            assertThat(view.isAnnotationPresent(RolesAllowed.class) || view.isAnnotationPresent(PermitAll.class))
                    .as(view.getName() + " declares who may open it").isTrue();
            HttpResponse<String> response = send("GET", path);
            boolean toLogin = response.statusCode() == 302
                    && response.headers().firstValue("Location").orElse("").matches(".*/login(;.*)?$");
            if (!toLogin) {
                open.add(path + " -> " + response.statusCode());
            }
        }
        assertThat(open).as("views answering an anonymous caller").isEmpty();
    }

    @Test
    void the_public_routes_are_only_login_health_and_ingest_with_a_key() {
        assertThat(send("GET", "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/login").statusCode()).isEqualTo(200);
        HttpResponse<String> ingest = send("POST", "/api/v1/ingest");
        assertThat(ingest.statusCode()).isEqualTo(401);
        assertThat(ingest.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                assertThat(h).startsWith("ApiKey"));
    }
}
