package io.logwarden.anomaly.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/** Compact binary encoding of detector state for the persisted baseline chunks (see {@link BaselinePersistence}). */
final class BinaryState {

    private BinaryState() {
    }

    static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInput in) throws IOException {
        int n = length(in);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readFloat();
        }
        return out;
    }

    static void writeInts(DataOutput out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    static int[] readInts(DataInput in) throws IOException {
        int n = length(in);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readInt();
        }
        return out;
    }

    static void writeBuckets(DataOutput out, SeasonalBuckets buckets) throws IOException {
        if (buckets == null) {
            out.writeShort(0);
            return;
        }
        SeasonalBuckets.Packed p = buckets.pack();
        out.writeShort(p.buckets());
        out.writeByte(p.capacity());
        for (float v : p.values()) {
            out.writeFloat(v);
        }
        out.write(p.sizes());
        out.write(p.next());
    }

    static SeasonalBuckets.Packed readBuckets(DataInput in) throws IOException {
        int buckets = in.readUnsignedShort();
        if (buckets == 0) {
            return null;
        }
        int capacity = in.readUnsignedByte();
        float[] values = new float[buckets * capacity];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        byte[] sizes = new byte[buckets];
        byte[] next = new byte[buckets];
        in.readFully(sizes);
        in.readFully(next);
        return new SeasonalBuckets.Packed(buckets, capacity, values, sizes, next);
    }

    static void writeInstant(DataOutput out, Instant t) throws IOException {
        out.writeLong(t == null ? Long.MIN_VALUE : t.toEpochMilli());
    }

    static Instant readInstant(DataInput in) throws IOException {
        long ms = in.readLong();
        return ms == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ms);
    }

    private static int length(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("corrupt baseline state: length " + n);
        }
        return n;
    }
}
