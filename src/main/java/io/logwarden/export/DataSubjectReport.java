package io.logwarden.export;

import java.util.Map;

/** Every event found about a data subject: the total and the count per index (events and dead letters). */
public record DataSubjectReport(long events, Map<String, Long> perIndex) {
}
