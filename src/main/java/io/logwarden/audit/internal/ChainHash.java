package io.logwarden.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SHA-256 of a record: over its canonical JSON with {@code chain.hash} left out (previous hash included). */
final class ChainHash {

    /** The "previous hash" of the first record of a day. */
    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(Map<String, Object> record) {
        Map<String, Object> hashed = new LinkedHashMap<>(record);
        hashed.remove("_id");
        hashed.remove("_index");
        if (record.get("chain") instanceof Map<?, ?> chain) {
            Map<Object, Object> withoutHash = new LinkedHashMap<>(chain);
            withoutHash.remove("hash");
            hashed.put("chain", withoutHash);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.write(CanonicalJson.normalise(hashed)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    /** Document id of the link with that sequence number: zero-padded so ids sort like the chain. */
    static String id(long sequence) {
        return String.format("%012d", sequence);
    }
}
