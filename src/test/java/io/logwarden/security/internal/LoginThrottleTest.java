package io.logwarden.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(new SecurityProperties.Login(3, Duration.ofMinutes(10),
            Duration.ofMinutes(5), Duration.ofMinutes(15)), clock);

    @Test
    void locks_out_after_max_failures_and_only_that_pair() {
        assertThat(throttle.failed("bob", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("bob", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("BOB", "10.0.0.1")).contains(Duration.ofMinutes(5));

        assertThat(throttle.lockedUntil("bob", "10.0.0.1")).contains(clock.now.plus(Duration.ofMinutes(5)));
        assertThat(throttle.lockedUntil("bob", "10.0.0.2")).isEmpty();
        assertThat(throttle.lockedUntil("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void lock_out_expires_and_doubles_each_time_up_to_the_maximum() {
        for (Duration expected : new Duration[]{Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofMinutes(15)}) {
            throttle.failed("bob", "a");
            throttle.failed("bob", "a");
            assertThat(throttle.failed("bob", "a")).contains(expected);
            clock.now = clock.now.plus(expected).plusSeconds(1);
            assertThat(throttle.lockedUntil("bob", "a")).isEmpty();
        }
    }

    @Test
    void failures_outside_the_window_start_a_new_count_and_success_clears_it() {
        throttle.failed("bob", "a");
        throttle.failed("bob", "a");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(throttle.failed("bob", "a")).isEmpty();
        throttle.failed("bob", "a");
        throttle.succeeded("bob", "a");
        assertThat(throttle.failed("bob", "a")).isEmpty();
        assertThat(throttle.lockedUntil("bob", "a")).isEmpty();
    }
}
