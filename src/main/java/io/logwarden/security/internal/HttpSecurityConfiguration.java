package io.logwarden.security.internal;

import io.logwarden.security.Roles;
import io.logwarden.security.SecurityProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * HTTP Basic for {@code /api/**} (any role but METRICS), and the actuator: health public without details,
 * prometheus for METRICS and ADMIN (or public when configured), everything else ADMIN. With
 * {@code management.server.port} set, the actuator is served on that port only, under the same rules. The Vaadin UI
 * has its own chain, ordered last (see security.ui).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class HttpSecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(10)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAnyRole(Roles.USER_ROLES.toArray(String[]::new)))
                .httpBasic(basic -> basic.authenticationEntryPoint(UNAUTHORIZED))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health").permitAll();
                    if (properties.prometheusPublic()) {
                        requests.requestMatchers("/actuator/prometheus").permitAll();
                    } else {
                        requests.requestMatchers("/actuator/prometheus")
                                .hasAnyRole(Roles.METRICS_READERS.toArray(String[]::new));
                    }
                    requests.anyRequest().hasRole(Roles.ADMIN);
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(UNAUTHORIZED))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(UNAUTHORIZED)
                        .accessDeniedHandler(FORBIDDEN))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * Answers 401 directly. The default entry point uses sendError, whose error dispatch would pass through the UI
     * chain and turn into a redirect to the login page.
     */
    private static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, exception) -> {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Logwarden\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"Authentication required\"}");
    };

    private static final AccessDeniedHandler FORBIDDEN = (request, response, exception) -> {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"Your role does not allow this\"}");
    };
}
