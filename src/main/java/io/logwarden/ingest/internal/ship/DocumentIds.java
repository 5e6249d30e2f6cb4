package io.logwarden.ingest.internal.ship;

import java.nio.ByteBuffer;
import java.util.Base64;

/** Deterministic document ids: journal id + record position, 22 URL-safe characters. */
final class DocumentIds {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private DocumentIds() {
    }

    static String of(long journalId, long position) {
        return ENCODER.encodeToString(ByteBuffer.allocate(16).putLong(journalId).putLong(position).array());
    }
}
