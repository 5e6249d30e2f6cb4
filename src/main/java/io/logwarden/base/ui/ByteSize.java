package io.logwarden.base.ui;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 1.5 MiB}. */
public final class ByteSize {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    public static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ENGLISH, "%.1f %s", value, UNITS[unit]);
    }
}
