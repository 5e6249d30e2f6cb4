package io.logwarden.storage;

/** Opens {@link EventBulkWriter}s against Logwarden's Elasticsearch. */
public interface EventBulkWriters {

    EventBulkWriter open(EventBulkWriter.Settings settings, EventBulkWriter.Listener listener);
}
