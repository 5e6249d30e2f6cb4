package io.logwarden.search;

/** A running live tail. Pausing stops delivery and keeps the position; closing ends it. */
public interface LiveTail extends AutoCloseable {

    void pause();

    /** Continues after a pause; events that arrived meanwhile are delivered (within the rate limit). */
    void resume();

    boolean paused();

    @Override
    void close();
}
