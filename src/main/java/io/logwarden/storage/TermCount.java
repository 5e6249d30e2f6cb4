package io.logwarden.storage;

/** A field value and how many matching events have it. */
public record TermCount(String value, long count) {
}
