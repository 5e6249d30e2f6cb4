package io.logwarden.ingest;

import java.util.List;
import java.util.Map;

/**
 * A page of dead letters, newest first.
 *
 * @param total    dead letters matching the range and reason
 * @param letters  this page
 * @param reasons  dead letters per reason in the range (all reasons, for the filter)
 */
public record DeadLetterPage(long total, List<DeadLetter> letters, Map<String, Long> reasons) {
}
