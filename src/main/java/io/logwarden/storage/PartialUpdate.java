package io.logwarden.storage;

import java.util.Map;

/** New values of some top-level fields of one document; objects are merged, other values replaced. */
public record PartialUpdate(String index, String id, Map<String, Object> fields) {
}
