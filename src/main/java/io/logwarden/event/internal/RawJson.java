package io.logwarden.event.internal;

import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A complete JSON value as UTF-8 bytes, written as is with {@code JsonGenerator.writeRawValue}: the UTF-8
 * generator copies {@link #appendUnquotedUTF8} output straight into its buffer, so a labels object or an opaque
 * value is not decoded to chars and encoded again. Only the unquoted forms make sense for raw JSON.
 */
public final class RawJson implements SerializableString {

    private final byte[] bytes;
    private final int offset;
    private final int length;

    RawJson(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        String value = getValue();
        if (at + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, at);
        return value.length();
    }

    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public String toString() {
        return getValue();
    }
}
