package io.logwarden.security.internal;

import io.logwarden.security.ApiKey;
import io.logwarden.security.ApiKeyService;
import io.logwarden.storage.StorageUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/** {@code POST /api/v1/ingest} authenticates with {@code Authorization: ApiKey <key>}, nothing else. */
@Configuration(proxyBeanMethods = false)
class ApiKeySecurityConfiguration {

    /** Authority of a request authenticated by an ingest API key. */
    static final String INGEST_AUTHORITY = "ROLE_INGEST";

    @Bean
    @Order(1)
    SecurityFilterChain ingestSecurity(HttpSecurity http, ApiKeyService apiKeys) throws Exception {
        return http.securityMatcher("/api/v1/ingest")
                .addFilterBefore(new ApiKeyFilter(apiKeys), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(INGEST_AUTHORITY))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(UNAUTHORIZED))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, exception) -> {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "ApiKey realm=\"Logwarden ingest\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"A valid 'Authorization: ApiKey <key>' header is required\"}");
    };

    private static final class ApiKeyFilter extends OncePerRequestFilter {

        private final ApiKeyService apiKeys;

        ApiKeyFilter(ApiKeyService apiKeys) {
            this.apiKeys = apiKeys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "ApiKey ", 0, 7)) {
                Optional<ApiKey> key;
                try {
                    key = apiKeys.verify(header.substring(7).strip());
                } catch (StorageUnavailableException e) {
                    // a key not seen before cannot be checked while Elasticsearch is down: ask the sender to retry
                    response.setHeader("Retry-After", "10");
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                            "API keys cannot be checked while Elasticsearch is unavailable");
                    return;
                }
                key.ifPresent(k -> {
                    var auth = UsernamePasswordAuthenticationToken.authenticated(k, null,
                            AuthorityUtils.createAuthorityList(INGEST_AUTHORITY));
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(auth);
                    SecurityContextHolder.setContext(context);
                });
            }
            chain.doFilter(request, response);
        }
    }
}
