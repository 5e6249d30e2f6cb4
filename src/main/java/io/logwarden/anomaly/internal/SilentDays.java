package io.logwarden.anomaly.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * For each hour of the day, the days (of the last 32) on which a source was silent at that hour: one bit per day,
 * 96 bytes per source. A silence at an hour is regular when the source was silent then on more than half of the
 * last 7 days (a nightly pause), or at that hour of the week in at least 2 of the last 4 weeks (a quiet weekend).
 */
final class SilentDays {

    private static final int DAY_SECONDS = 86_400;
    /** Days of the last 7 a silence must have happened at that hour to be a daily habit. */
    static final int DAILY_MIN = 4;
    /** Weeks of the last 4 a silence must have happened at that hour of the week to be a weekly habit. */
    static final int WEEKLY_MIN = 2;

    private final int[] bits = new int[24];
    private long lastDay = Long.MIN_VALUE;

    /** Moves to the day of {@code at}, clearing the bits of days that start anew. */
    void advance(Instant at) {
        long day = day(at);
        if (lastDay == Long.MIN_VALUE || day <= lastDay) {
            lastDay = Math.max(lastDay, day);
            return;
        }
        if (day - lastDay >= 32) {
            java.util.Arrays.fill(bits, 0);
        } else {
            for (long d = lastDay + 1; d <= day; d++) {
                int mask = ~(1 << (int) Math.floorMod(d, 32L));
                for (int h = 0; h < 24; h++) {
                    bits[h] &= mask;
                }
            }
        }
        lastDay = day;
    }

    void markSilent(Instant at) {
        advance(at);
        bits[hour(at)] |= 1 << (int) Math.floorMod(day(at), 32L);
    }

    boolean regular(Instant at) {
        advance(at);
        long day = day(at);
        int h = hour(at);
        int daily = 0;
        for (int k = 1; k <= 7; k++) {
            daily += isSet(h, day - k) ? 1 : 0;
        }
        int weekly = 0;
        for (int k = 1; k <= 4; k++) {
            weekly += isSet(h, day - 7L * k) ? 1 : 0;
        }
        return daily >= DAILY_MIN || weekly >= WEEKLY_MIN;
    }

    /** Feedback: treat the hour of day of {@code at} as silent on each of the last 7 days seen. */
    void excuse(Instant at) {
        advance(at);
        for (int k = 0; k < 7; k++) {
            bits[hour(at)] |= 1 << (int) Math.floorMod(lastDay - k, 32L);
        }
    }

    private boolean isSet(int hour, long day) {
        return day > lastDay - 32 && (bits[hour] & (1 << (int) Math.floorMod(day, 32L))) != 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(lastDay);
        for (int b : bits) {
            out.writeInt(b);
        }
    }

    void read(DataInput in) throws IOException {
        lastDay = in.readLong();
        for (int h = 0; h < 24; h++) {
            bits[h] = in.readInt();
        }
    }

    private static long day(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), DAY_SECONDS);
    }

    private static int hour(Instant at) {
        return (int) Math.floorMod(Math.floorDiv(at.getEpochSecond(), 3600L), 24L);
    }
}
