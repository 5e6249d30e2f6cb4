package io.logwarden.security;

import io.logwarden.testsupport.TestElasticsearchInitializer;
import io.logwarden.testsupport.TestUsers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application with the optional security settings on, shared by the test classes that use it: OIDC login
 * against {@link LocalOidcProvider}, the actuator on its own management port, and the production account cache
 * (2 s here) rather than the tests' default of reading every account fresh.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logwarden.data-dir=target/it-data",
        "logwarden.ingest.tcp.port=0",
        "vaadin.productionMode=true",
        "logwarden.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
        "logwarden.security.account-cache-ttl=" + SecurityOptionsTest.ACCOUNT_CACHE_TTL,
        "management.server.port=0",
        "spring.security.oauth2.client.registration.local.client-id=" + LocalOidcProvider.CLIENT_ID,
        "spring.security.oauth2.client.registration.local.client-secret=" + LocalOidcProvider.CLIENT_SECRET,
        "spring.security.oauth2.client.registration.local.client-name=Local IdP",
        "spring.security.oauth2.client.registration.local.scope=openid",
        "spring.security.oauth2.client.registration.local.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.local.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.local.user-name-attribute=sub"})
@ContextConfiguration(initializers = {TestElasticsearchInitializer.class, SecurityOptionsTest.Provider.class})
@interface SecurityOptionsTest {

    String ACCOUNT_CACHE_TTL = "2s";

    /** Points the OIDC registration at the local provider, started before the context reads its discovery. */
    class Provider implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("spring.security.oauth2.client.provider.local.issuer-uri="
                    + LocalOidcProvider.get().issuer()).applyTo(context);
        }
    }
}
