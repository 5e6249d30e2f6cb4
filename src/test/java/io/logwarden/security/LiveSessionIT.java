package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * With the account cache on (as in production), a change made behind this instance's back (another instance, or
 * straight in Elasticsearch) reaches an open UI session once the cached account expires.
 */
@SecurityOptionsTest
class LiveSessionIT {

    static final String PASSWORD = "live-session-Secret-1";

    @LocalServerPort
    int port;
    @Autowired
    DocumentStore store;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void an_account_disabled_on_another_instance_loses_its_session_within_the_cache_time() throws Exception {
        String name = "live-" + UUID.randomUUID().toString().substring(0, 8);
        UserAccount account = new UserAccount(name, encoder.encode(PASSWORD), Set.of(Roles.ANALYST),
                AccessScope.EVERYTHING, true, Instant.now());
        store.save(IndexNames.USERS, name, account);
        BrowserSession browser = new BrowserSession(URI.create("http://127.0.0.1:" + port));
        assertThat(browser.logIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        store.save(IndexNames.USERS, name, new UserAccount(name, account.passwordHash(), account.roles(),
                account.scope(), false, account.createdAt()));
        Instant changed = Instant.now();

        Duration ttl = Duration.parse("PT" + SecurityOptionsTest.ACCOUNT_CACHE_TTL.toUpperCase());
        boolean cut = false;
        while (!cut && Instant.now().isBefore(changed.plus(ttl).plusSeconds(5))) {
            cut = BrowserSession.redirectsToLogin(browser.get("/"));
            if (!cut) {
                Thread.sleep(200);
            }
        }
        assertThat(cut).as("session ended within the account cache time plus 5 s").isTrue();
        assertThat(BrowserSession.redirectsToLogin(browser.get("/"))).isTrue();
    }
}
