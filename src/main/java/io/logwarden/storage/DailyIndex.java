package io.logwarden.storage;

import java.time.LocalDate;

/** One daily index of a family, e.g. {@code logwarden-events-2026.11.21}. */
public record DailyIndex(String name, String family, LocalDate day, long documents, long sizeBytes) {
}
