package io.logwarden.ingest.internal;

import java.io.Closeable;
import java.io.IOException;

/** An input that listens on a port while the application runs; {@link #DISABLED} when it is switched off. */
public interface ListeningInput extends Closeable {

    ListeningInput DISABLED = new ListeningInput() {
        @Override
        public void start() {
        }

        @Override
        public int port() {
            return -1;
        }

        @Override
        public int openConnections() {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    void start() throws IOException;

    /** The bound port, -1 when not listening. */
    int port();

    int openConnections();
}
