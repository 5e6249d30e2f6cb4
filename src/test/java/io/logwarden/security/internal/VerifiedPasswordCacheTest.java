package io.logwarden.security.internal;

import io.logwarden.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedPasswordCacheTest {

    @Test
    void remembers_a_verified_pair_for_the_ttl_only() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        VerifiedPasswordCache early = new VerifiedPasswordCache(Duration.ofSeconds(60),
                Clock.fixed(start, ZoneOffset.UTC));
        early.remember("ann", "correct horse", "{bcrypt}hash");
        assertThat(early.find("ann", "correct horse")).hasValueSatisfying(e ->
                assertThat(e.passwordHash()).isEqualTo("{bcrypt}hash"));
        assertThat(early.find("ann", "wrong horse")).isEmpty();
        assertThat(early.find("bob", "correct horse")).isEmpty();
        // user and password are separated: "ann"+"xcorrect" is not "annx"+"correct"
        early.remember("annx", "correct", "{bcrypt}other");
        assertThat(early.find("ann", "xcorrect")).isEmpty();
    }

    @Test
    void expires_forgets_per_user_and_can_be_switched_off() {
        MutableClock clock = new MutableClock();
        VerifiedPasswordCache cache = new VerifiedPasswordCache(Duration.ofSeconds(60), clock);
        cache.remember("ann", "pw-1", "h1");
        cache.remember("bob", "pw-2", "h2");
        cache.forget("ann");
        assertThat(cache.find("ann", "pw-1")).isEmpty();
        assertThat(cache.find("bob", "pw-2")).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(cache.find("bob", "pw-2")).isEmpty();
        assertThat(cache.size()).isZero();

        VerifiedPasswordCache off = new VerifiedPasswordCache(Duration.ZERO, clock);
        off.remember("ann", "pw-1", "h1");
        assertThat(off.find("ann", "pw-1")).isEmpty();
    }
}
