package io.logwarden.storage;

import java.time.LocalDate;

/**
 * One Logwarden index as Elasticsearch reports it.
 *
 * @param name      index name
 * @param day       its UTC day for daily indices, else null
 * @param docs      document count
 * @param sizeBytes store size including replicas
 * @param health    green, yellow or red
 */
public record IndexInfo(String name, LocalDate day, long docs, long sizeBytes, String health) {
}
