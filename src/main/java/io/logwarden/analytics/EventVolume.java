package io.logwarden.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Events over time.
 *
 * @param from     start of the range (inclusive)
 * @param to       end of the range (exclusive)
 * @param interval bucket width
 * @param points   one point per bucket, oldest first, empty buckets included
 */
public record EventVolume(Instant from, Instant to, Duration interval, List<VolumePoint> points) {

    public long total() {
        return points.stream().mapToLong(VolumePoint::count).sum();
    }
}
