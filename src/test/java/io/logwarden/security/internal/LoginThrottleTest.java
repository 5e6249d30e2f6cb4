package io.logwarden.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.security.SecurityProperties;
import io.logwarden.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new SecurityProperties.Login(3, Duration.ofMinutes(10),
            Duration.ofMinutes(5), Duration.ofMinutes(15)), clock);

    @Test
    void locks_out_after_max_failures_and_only_that_pair() {
        assertThat(throttle.failed("bob", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("bob", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("BOB", "10.0.0.1")).contains(Duration.ofMinutes(5));

        assertThat(throttle.lockedUntil("bob", "10.0.0.1")).contains(clock.instant().plus(Duration.ofMinutes(5)));
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
            clock.advance(expected.plusSeconds(1));
            assertThat(throttle.lockedUntil("bob", "a")).isEmpty();
        }
    }

    @Test
    void failures_outside_the_window_start_a_new_count_and_success_clears_it() {
        throttle.failed("bob", "a");
        throttle.failed("bob", "a");
        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.failed("bob", "a")).isEmpty();
        throttle.failed("bob", "a");
        throttle.succeeded("bob", "a");
        assertThat(throttle.failed("bob", "a")).isEmpty();
        assertThat(throttle.lockedUntil("bob", "a")).isEmpty();
    }
}
