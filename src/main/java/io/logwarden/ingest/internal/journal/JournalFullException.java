package io.logwarden.ingest.internal.journal;

/** The journal reached its size cap and no space was freed within the allowed wait. */
public class JournalFullException extends Exception {
    public JournalFullException(String message) {
        super(message);
    }
}
