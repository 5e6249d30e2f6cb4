package io.logwarden.alert.internal.delivery;

import java.time.Duration;

/** Waits between delivery attempts; tests substitute one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
}
