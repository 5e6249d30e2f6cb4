package io.logwarden.security.ui;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.logwarden.security.OidcAccountMapper;
import io.logwarden.security.internal.LiveAccountFilter;
import io.logwarden.security.internal.UserAccountRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The Vaadin UI: form login at /login (plus OIDC when a client registration is configured), everything else
 * authenticated; the catch-all chain, so ordered last. Each request of a session is held to the stored account
 * ({@link LiveAccountFilter}): disabled users lose their session, changed roles apply. Headers: a CSP Vaadin works
 * with, no framing, no referrer across origins; HSTS (Spring Security's default) on HTTPS requests.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    /**
     * Vaadin Flow's client runs server-sent JavaScript through {@code new Function} and its bootstrap page has an
     * inline script, hence {@code 'unsafe-eval'} and {@code 'unsafe-inline'} for scripts; everything is same-origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain uiSecurity(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients,
                                   OidcAccountMapper oidcAccounts, UserAccountRepository accounts,
                                   RequestUtil vaadinRequests) throws Exception {
        http.addFilterAfter(new LiveAccountFilter(accounts), SecurityContextHolderFilter.class);
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/styles.css").permitAll());
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny())
                // Vaadin's bootstrap page commits its response in a way the lazy header writer misses
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
        if (oidcClients.getIfAvailable() != null) {
            http.oauth2Login(oauth -> oauth.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcAccounts.oidcUserService())));
        }
        // Vaadin's own requests carry Vaadin's CSRF token; everything else, including the login POST (which Vaadin
        // would exempt), needs Spring's: vaadin-login-form sends it from the page's _csrf meta tags.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false));
        return http.build();
    }
}
