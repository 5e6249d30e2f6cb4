package io.logwarden.storage;

import java.util.Map;

/** One document read by a scan: where it lives and its (possibly filtered) {@code _source}. */
public record ScannedEvent(String index, String id, Map<String, Object> source) {
}
