package io.logwarden.security;

import java.time.Instant;

/**
 * An ingest API key as shown to admins (never the secret).
 *
 * @param id        public part of the key, also the document id
 * @param name      what the key is for, e.g. the sending application
 * @param created   creation time
 * @param createdBy admin who created it
 * @param revoked   revocation time, null while valid
 */
public record ApiKey(String id, String name, Instant created, String createdBy, Instant revoked) {

    public boolean isActive() {
        return revoked == null;
    }
}
