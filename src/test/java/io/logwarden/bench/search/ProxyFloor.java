package io.logwarden.bench.search;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;

/**
 * The floor under Logwarden's REST leg, measured in the same run: servlet filters in the benchmark's server that pass
 * the plain client's request body to Elasticsearch through Logwarden's client and copy the answer back as bytes, with
 * no parsing, scope, masking or audit. One runs before every other filter (Tomcat only: what any HTTP service in this
 * JVM in front of Elasticsearch costs at least), one behind Spring Security's {@code /api/**} chain (plus HTTP Basic
 * and the role check). Registered by the benchmark only, never in the application.
 */
final class ProxyFloor {

    static final String TOMCAT_PATH = "/bench-proxy/";
    static final String SECURED_PATH = "/api/v1/bench-proxy/";

    private ProxyFloor() {
    }

    /** Adds both filters to the benchmark's application; {@code bodies} maps a path's last segment to the body sent. */
    static ApplicationContextInitializer<GenericApplicationContext> filters(Map<String, String> bodies) {
        return context -> {
            Filter proxy = (request, response, chain) -> {
                String uri = ((HttpServletRequest) request).getRequestURI();
                Request search = new Request("POST", SearchBenchmark.EVENTS);
                search.setJsonEntity(bodies.get(uri.substring(uri.lastIndexOf('/') + 1)));
                try (InputStream answer = context.getBean(RestClient.class).performRequest(search).getEntity()
                        .getContent()) {
                    byte[] bytes = answer.readAllBytes();
                    response.setContentType("application/json");
                    response.setContentLength(bytes.length);
                    response.getOutputStream().write(bytes);
                }
            };
            context.registerBean("benchProxyTomcat", FilterRegistrationBean.class,
                    () -> registration(proxy, TOMCAT_PATH, Ordered.HIGHEST_PRECEDENCE));
            context.registerBean("benchProxySecured", FilterRegistrationBean.class,
                    () -> registration(proxy, SECURED_PATH, SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1));
        };
    }

    private static FilterRegistrationBean<Filter> registration(Filter filter, String path, int order) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path + "*");
        registration.setOrder(order);
        return registration;
    }
}
