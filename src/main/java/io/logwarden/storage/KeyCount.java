package io.logwarden.storage;

/** A field value and how many events have it. */
public record KeyCount(String key, long count) {
}
