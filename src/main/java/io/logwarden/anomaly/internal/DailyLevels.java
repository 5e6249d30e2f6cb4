package io.logwarden.anomaly.internal;

import java.time.Instant;

/**
 * The level (median of the recent values) of a series at the end of each of its last 28 UTC days, to tell whether
 * it has a weekly pattern: it does when a day resembles the same weekday a week before clearly better than the day
 * before it. Only then does a series spend memory on an hour-of-week profile.
 */
final class DailyLevels {

    static final int DAYS = 28;
    /** Day-to-day comparisons needed: two weeks of levels. */
    static final int MIN_DAYS = 14;

    private final float[] ring = new float[DAYS];
    private int size;
    private int next;

    boolean dayChanged(Instant previous, Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 86_400L) > Math.floorDiv(previous.getEpochSecond(), 86_400L);
    }

    void add(double level) {
        if (!Double.isFinite(level)) {
            return;
        }
        ring[next] = (float) level;
        next = (next + 1) % DAYS;
        size = Math.min(size + 1, DAYS);
    }

    /**
     * Whether the mean change from the same weekday a week before is below {@code gain} times the mean change from
     * the day before, and the day-to-day change is larger than {@code floor} (a flat series has no pattern).
     */
    boolean weeklyPattern(double gain, double floor) {
        if (size < MIN_DAYS) {
            return false;
        }
        float[] d = values();
        double lag7 = 0;
        double lag1 = 0;
        for (int i = 7; i < d.length; i++) {
            lag7 += Math.abs(d[i] - d[i - 7]);
            lag1 += Math.abs(d[i] - d[i - 1]);
        }
        int n = d.length - 7;
        return lag1 / n > floor && lag7 < gain * lag1;
    }

    /** Levels oldest first. */
    float[] values() {
        float[] out = new float[size];
        int start = size < DAYS ? 0 : next;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % DAYS];
        }
        return out;
    }

    void load(float[] levels) {
        size = 0;
        next = 0;
        for (int i = Math.max(0, levels.length - DAYS); i < levels.length; i++) {
            add(levels[i]);
        }
    }
}
