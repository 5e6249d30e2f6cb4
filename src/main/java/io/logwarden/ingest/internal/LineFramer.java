package io.logwarden.ingest.internal;

import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated lines without copying complete lines that sit in one read.
 * Blank lines (logstash-logback-encoder keep-alives) are skipped; a trailing CR is dropped; lines over the
 * maximum are reported once with their first KiB and skipped up to the next newline. The buffer for a line split
 * across reads grows up to the maximum and shrinks back once that line is complete, so idle connections stay small.
 */
public final class LineFramer {

    /** Receives complete lines. */
    public interface Sink {
        void line(byte[] buf, int off, int len);

        void oversized(byte[] prefix, int prefixLen, long totalLength);

        /** A blank line (keep-alive); only counted by inputs that number lines. */
        default void blank() {
        }
    }

    private static final int PREFIX = 1024;
    private static final int INITIAL = 256;
    /** A partial-line buffer larger than this is released once its line is complete. */
    static final int KEEP_AT_MOST = 64 * 1024;

    private final int maxLine;
    private byte[] partial = new byte[INITIAL];
    private int partialLen;
    private long discarding = -1;

    public LineFramer(int maxLine) {
        this.maxLine = maxLine;
    }

    public void feed(byte[] buf, int off, int len, Sink sink) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (discarding >= 0) {
                sink.oversized(partial, partialLen, discarding + (i - start));
                discarding = -1;
                reset();
            } else if (partialLen > 0) {
                append(buf, start, i - start, sink);
                if (discarding >= 0) {
                    sink.oversized(partial, partialLen, discarding);
                    discarding = -1;
                } else {
                    emit(partial, 0, partialLen, sink);
                }
                reset();
            } else if (i - start > maxLine) {
                int keep = Math.min(PREFIX, i - start);
                sink.oversized(Arrays.copyOfRange(buf, start, start + keep), keep, i - start);
            } else {
                emit(buf, start, i - start, sink);
            }
            start = i + 1;
        }
        if (start < end) {
            if (discarding >= 0) {
                discarding += end - start;
            } else {
                append(buf, start, end - start, sink);
            }
        }
    }

    /** Flushes an unterminated last line when the stream ends. */
    public void finish(Sink sink) {
        if (discarding >= 0) {
            sink.oversized(partial, partialLen, discarding);
        } else if (partialLen > 0) {
            emit(partial, 0, partialLen, sink);
        }
        discarding = -1;
        reset();
    }

    /** Capacity of the partial-line buffer (for tests). */
    int bufferCapacity() {
        return partial.length;
    }

    private void reset() {
        partialLen = 0;
        if (partial.length > KEEP_AT_MOST) {
            partial = new byte[INITIAL];
        }
    }

    private void append(byte[] buf, int off, int len, Sink sink) {
        if ((long) partialLen + len > maxLine) {
            int keep = Math.min(PREFIX - Math.min(PREFIX, partialLen), len);
            ensure(partialLen + keep);
            System.arraycopy(buf, off, partial, partialLen, keep);
            discarding = (long) partialLen + len;
            partialLen = Math.min(PREFIX, partialLen + keep);
            return;
        }
        ensure(partialLen + len);
        System.arraycopy(buf, off, partial, partialLen, len);
        partialLen += len;
    }

    private void ensure(int capacity) {
        if (partial.length < capacity) {
            partial = Arrays.copyOf(partial, Math.max(capacity, partial.length * 2));
        }
    }

    private static void emit(byte[] buf, int off, int len, Sink sink) {
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                sink.line(buf, off, len);
                return;
            }
        }
        sink.blank();
    }
}
