package io.logwarden.event.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** Parses input timestamps: ISO-8601 with or without offset (UTC assumed), or epoch milliseconds. */
public final class Timestamps {

    private Timestamps() {
    }

    /** The instant, or {@code null} if the value is not a timestamp. */
    public static Instant parse(JsonNode value) {
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value.isNumber()) {
            double millis = value.asDouble();
            return Instant.ofEpochSecond((long) Math.floor(millis / 1000), (long) ((millis % 1000) * 1_000_000) % 1_000_000_000);
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Instant.from(parsed);
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 16) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return null;
        }
    }
}
