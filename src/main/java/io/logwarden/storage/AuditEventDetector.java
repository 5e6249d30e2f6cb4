package io.logwarden.storage;

import java.nio.charset.StandardCharsets;

/**
 * Tells audit events from application logs by reading the event's JSON bytes once, without building a tree (this
 * runs for every indexed event): an event is an audit event if its top-level object has an {@code audit} member
 * (or a dotted {@code audit.*} key), or if {@code event.category} is or contains {@code "audit"} (any case).
 * Everything else, including input that is not a JSON object, is an application event.
 */
final class AuditEventDetector {

    private static final byte[] AUDIT = "audit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CATEGORY = "category".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUDIT_PREFIX = "audit.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_CATEGORY = "event.category".getBytes(StandardCharsets.US_ASCII);

    private final byte[] b;
    private int i;
    /** The member key {@link #nextMember} stopped at. */
    private int keyStart;
    private int keyEnd;
    private boolean keyEscaped;

    private AuditEventDetector(byte[] json, int offset) {
        this.b = json;
        this.i = offset;
    }

    static boolean isAudit(byte[] json) {
        return isAudit(json, 0);
    }

    /** The same for a well-formed event document starting at {@code offset} of a larger buffer (a journal entry). */
    static boolean isAudit(byte[] buffer, int offset) {
        try {
            return new AuditEventDetector(buffer, offset).topLevel();
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /**
     * Whether the bytes contain the word "audit" in any case. Every audit event does, unescaped, in a key or in its
     * category (escaped keys and values are not recognised by {@link #isAudit} either), so false rules it out.
     */
    static boolean mentionsAudit(byte[] buffer, int offset, int length) {
        int last = offset + length - AUDIT.length;
        for (int k = offset; k <= last; k++) {
            if ((buffer[k] | 0x20) == 'a' && (buffer[k + 1] | 0x20) == 'u' && (buffer[k + 2] | 0x20) == 'd'
                    && (buffer[k + 3] | 0x20) == 'i' && (buffer[k + 4] | 0x20) == 't') {
                return true;
            }
        }
        return false;
    }

    private boolean topLevel() {
        if (skipSpace() != '{') {
            return false;
        }
        i++;
        while (nextMember()) {
            if (keyIs(AUDIT) || (!keyEscaped && startsWith(keyStart, keyEnd, AUDIT_PREFIX))) {
                return true;
            }
            if (keyIs(EVENT) && skipSpace() == '{') {
                if (eventObjectHasAuditCategory()) {
                    return true;
                }
            } else if (keyIs(EVENT_CATEGORY)) {
                if (categoryIsAudit()) {
                    return true;
                }
            } else {
                skipValue();
            }
        }
        return false;
    }

    /** At the '{' of the {@code event} object; consumes it. */
    private boolean eventObjectHasAuditCategory() {
        i++;
        boolean audit = false;
        while (nextMember()) {
            if (keyIs(CATEGORY)) {
                audit |= categoryIsAudit();
            } else {
                skipValue();
            }
        }
        return audit;
    }

    /**
     * Inside an object: moves past separators to the next member's key and colon, leaving the key's bounds in
     * {@link #keyStart} / {@link #keyEnd}; returns false, past the closing '}', when the object ends.
     */
    private boolean nextMember() {
        while (true) {
            byte c = skipSpace();
            if (c == '}') {
                i++;
                return false;
            }
            if (c == ',') {
                i++;
                continue;
            }
            keyStart = i + 1;
            keyEnd = skipString();
            expectColon();
            keyEscaped = hasEscape(keyStart, keyEnd);
            return true;
        }
    }

    /** Whether the current key is {@code word}; escaped keys never match (decoding them is not worth it here). */
    private boolean keyIs(byte[] word) {
        return !keyEscaped && equals(keyStart, keyEnd, word);
    }

    /** At a category value (a string or an array of strings); consumes it. */
    private boolean categoryIsAudit() {
        byte c = skipSpace();
        if (c == '"') {
            int start = i + 1;
            int end = skipString();
            return isAuditWord(start, end);
        }
        if (c != '[') {
            skipValue();
            return false;
        }
        i++;
        boolean audit = false;
        while (true) {
            c = skipSpace();
            if (c == ']') {
                i++;
                return audit;
            }
            if (c == ',') {
                i++;
            } else if (c == '"') {
                int start = i + 1;
                int end = skipString();
                audit |= isAuditWord(start, end);
            } else {
                skipValue();
            }
        }
    }

    private boolean isAuditWord(int start, int end) {
        if (end - start != AUDIT.length) {
            return false;
        }
        for (int k = 0; k < AUDIT.length; k++) {
            if ((b[start + k] | 0x20) != AUDIT[k]) {
                return false;
            }
        }
        return true;
    }

    private byte skipSpace() {
        while (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
            i++;
        }
        return b[i];
    }

    private void expectColon() {
        if (skipSpace() != ':') {
            throw new IllegalArgumentException("':' expected at " + i);
        }
        i++;
    }

    /** At the opening quote; returns the index of the closing quote and moves past it. */
    private int skipString() {
        if (b[i] != '"') {
            throw new IllegalArgumentException("string expected at " + i);
        }
        i++;
        while (b[i] != '"') {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i++;
    }

    private void skipValue() {
        byte c = skipSpace();
        if (c == '"') {
            skipString();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            do {
                c = b[i];
                if (c == '"') {
                    skipString();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                i++;
            } while (depth > 0);
            return;
        }
        while (b[i] != ',' && b[i] != '}' && b[i] != ']') {
            i++;
        }
    }

    private boolean hasEscape(int start, int end) {
        for (int k = start; k < end; k++) {
            if (b[k] == '\\') {
                return true;
            }
        }
        return false;
    }

    private boolean equals(int start, int end, byte[] word) {
        return end - start == word.length && startsWith(start, end, word);
    }

    private boolean startsWith(int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[start + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
