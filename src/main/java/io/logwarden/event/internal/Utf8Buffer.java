package io.logwarden.event.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronised growable byte sink for a generator (ByteArrayOutputStream locks on every write). Until
 * {@link #clear()}, bytes once written are never changed: growing copies into a new array, so slices handed out
 * earlier stay valid.
 */
final class Utf8Buffer extends OutputStream {

    private byte[] buf;
    private int len;

    Utf8Buffer(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }

    int size() {
        return len;
    }

    int capacity() {
        return buf.length;
    }

    /** Starts again at the beginning of the same array: slices handed out before will be overwritten. */
    void clear() {
        len = 0;
    }

    RawJson slice(int from) {
        return new RawJson(buf, from, len - from);
    }

    byte[] copy(int from) {
        return Arrays.copyOfRange(buf, from, len);
    }
}
