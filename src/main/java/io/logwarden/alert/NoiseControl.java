package io.logwarden.alert;

import java.time.Duration;

/**
 * How often a rule may notify.
 *
 * @param renotifyInterval repeat the notification of a still-firing, unacknowledged alert this often (null: never)
 * @param maxPerHour       at most this many notifications per rule per hour; the rest wait (null: no limit)
 * @param quietHours       daily quiet period (null: none)
 */
public record NoiseControl(Duration renotifyInterval, Integer maxPerHour, QuietHours quietHours) {

    public static final NoiseControl NONE = new NoiseControl(null, null, null);
}
