package io.logwarden.anomaly.internal;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The series of one detector by key, with a cap on how many it tracks (a new series beyond the cap is counted as
 * dropped, not tracked) and the persistence chunks changed since the last save. A key's chunk is a hash of the key,
 * so a series always lands in the same baseline document.
 */
final class SeriesMap<V> {

    /** Baseline documents per detector: about 400 duration series, 3.5 MB, each at 100k series. */
    static final int CHUNKS = 256;

    private final Map<String, V> series = new HashMap<>();
    private final int max;
    private final BitSet dirty = new BitSet(CHUNKS);
    private long dropped;

    SeriesMap(int max) {
        this.max = max;
    }

    V get(String key) {
        return series.get(key);
    }

    /** The series of {@code key}, created if new and the cap allows; null when the cap is reached. */
    V getOrCreate(String key, Function<String, V> create) {
        V v = series.get(key);
        if (v == null) {
            if (series.size() >= max) {
                dropped++;
                return null;
            }
            v = create.apply(key);
            series.put(key, v);
        }
        return v;
    }

    void put(String key, V value) {
        series.put(key, value);
    }

    void remove(String key) {
        if (series.remove(key) != null) {
            touched(key);
        }
    }

    /** Marks the key's chunk as changed. */
    void touched(String key) {
        dirty.set(chunkOf(key));
    }

    int size() {
        return series.size();
    }

    /** Observations of new series refused since start because the cap was reached. */
    long dropped() {
        return dropped;
    }

    BitSet dirty() {
        return (BitSet) dirty.clone();
    }

    void clean(int chunk) {
        dirty.clear(chunk);
    }

    void forEach(BiConsumer<String, V> action) {
        series.forEach(action);
    }

    /** The series of one chunk. */
    void forEachIn(int chunk, BiConsumer<String, V> action) {
        series.forEach((k, v) -> {
            if (chunkOf(k) == chunk) {
                action.accept(k, v);
            }
        });
    }

    static int chunkOf(String key) {
        return Math.floorMod(key.hashCode(), CHUNKS);
    }
}
