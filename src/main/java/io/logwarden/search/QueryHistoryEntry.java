package io.logwarden.search;

import java.time.Instant;

/** A query a user ran, with its range as typed. */
public record QueryHistoryEntry(String query, String from, String to, Instant at) {
}
