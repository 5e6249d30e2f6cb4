package io.logwarden.ingest.internal;

import java.io.Closeable;

/** Ships the journal while the application runs; {@link #DISABLED} when shipping is switched off. */
public interface ShippingProcess extends Closeable {

    ShippingProcess DISABLED = new ShippingProcess() {
        @Override
        public void start() {
        }

        @Override
        public String lastError() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    void start();

    /** The current temporary failure, or null while shipping works (or is off). */
    String lastError();

    /** Stops after sending what was read and waiting (bounded) for confirmations. */
    @Override
    void close();
}
