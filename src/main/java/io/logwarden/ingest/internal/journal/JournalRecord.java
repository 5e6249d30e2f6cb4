package io.logwarden.ingest.internal.journal;

/**
 * One record read back from the journal.
 *
 * @param position     where the record starts (unique for the journal's lifetime)
 * @param nextPosition where the following record starts; checkpoint this once the record is handled
 * @param payload      the bytes appended
 */
public record JournalRecord(long position, long nextPosition, byte[] payload) {
}
