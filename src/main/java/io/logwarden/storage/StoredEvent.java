package io.logwarden.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event as stored.
 *
 * @param id        document id
 * @param index     daily index it lives in
 * @param timestamp its {@code @timestamp}
 * @param source    the stored document
 * @param sort      sort values of the hit, to continue paging after it (empty when not sorted)
 */
public record StoredEvent(String id, String index, Instant timestamp, Map<String, Object> source, List<Long> sort) {
}
