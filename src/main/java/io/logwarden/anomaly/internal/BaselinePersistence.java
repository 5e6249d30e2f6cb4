package io.logwarden.anomaly.internal;

import io.logwarden.storage.AnomalyBaselines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Saves and restores detector state in {@code .logwarden-anomaly-baselines}: per detector, its series are spread
 * over {@value SeriesMap#CHUNKS} documents by a hash of the series key, each a deflated binary blob (floats, and
 * half-precision values for seasonal buckets) in base64; only chunks changed since the last save are written. A meta
 * document, written last, carries the cursors (how far windows and job events have been learned), so a restart
 * neither forgets nor learns a window twice. See docs/decisions/033.
 */
final class BaselinePersistence {

    static final String META = "meta";
    static final int FORMAT = 2;

    /** Cursors saved with the state. */
    record Cursors(Instant windows, Instant jobs) {
    }

    /** One detector's series, written and read one series at a time. */
    private record Section<V>(String name, SeriesMap<V> series, Writer<V> writer, Reader<V> reader) {
    }

    private interface Writer<V> {
        void write(V value, DataOutput out) throws IOException;
    }

    private interface Reader<V> {
        V read(String key, DataInput in) throws IOException;
    }

    private final AnomalyBaselines store;

    BaselinePersistence(AnomalyBaselines store) {
        this.store = store;
    }

    private static List<Section<?>> sections(Detectors d) {
        return List.of(
                new Section<>("duration", d.duration.series(), d.duration::write, (k, in) -> d.duration.read(in)),
                new Section<>("error-rate", d.errorRate.series(), d.errorRate::write,
                        (k, in) -> d.errorRate.read(in)),
                new Section<>("silence", d.silence.series(), d.silence::write, (k, in) -> d.silence.read(in)),
                new Section<>("multivariate", d.multivariate.series(), d.multivariate::write, d.multivariate::read),
                new Section<>("jobs", d.jobs.baselines(), d.jobs::write, (k, in) -> d.jobs.readBaseline(in)),
                new Section<>("job-runs", d.jobs.openRunMap(), d.jobs::write, (k, in) -> d.jobs.readRun(in)));
    }

    /** Saves the chunks changed since the last save, then the cursors. Returns the number of documents written. */
    int save(Detectors d, Cursors cursors, Instant now) {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        List<Runnable> clean = new ArrayList<>();
        for (Section<?> section : sections(d)) {
            collect(section, now, docs, clean);
        }
        store.save(docs);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("windows", cursors.windows() == null ? null : cursors.windows().toString());
        meta.put("jobs", cursors.jobs() == null ? null : cursors.jobs().toString());
        store.save(Map.of(META, Map.of("savedAt", now.toString(), "state", meta)));
        clean.forEach(Runnable::run);
        return docs.size() + 1;
    }

    private static <V> void collect(Section<V> section, Instant now, Map<String, Map<String, Object>> docs,
                                    List<Runnable> clean) {
        BitSet dirty = section.series().dirty();
        if (dirty.isEmpty()) {
            return;
        }
        Map<Integer, List<Map.Entry<String, V>>> byChunk = new HashMap<>();
        section.series().forEach((key, value) -> {
            int chunk = SeriesMap.chunkOf(key);
            if (dirty.get(chunk)) {
                byChunk.computeIfAbsent(chunk, c -> new ArrayList<>()).add(Map.entry(key, value));
            }
        });
        for (int chunk = dirty.nextSetBit(0); chunk >= 0; chunk = dirty.nextSetBit(chunk + 1)) {
            List<Map.Entry<String, V>> entries = byChunk.getOrDefault(chunk, List.of());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("format", FORMAT);
            state.put("series", entries.size());
            state.put("data", encode(section, entries));
            docs.put(section.name() + "-" + chunk, Map.of("savedAt", now.toString(), "state", state));
            int c = chunk;
            clean.add(() -> section.series().clean(c));
        }
    }

    private static <V> String encode(Section<V> section, List<Map.Entry<String, V>> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(entries.size());
            for (Map.Entry<String, V> e : entries) {
                out.writeUTF(e.getKey());
                section.writer().write(e.getValue(), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * Restores the detectors; returns the cursors if state of this format was saved. A chunk that cannot be read is
     * skipped (its series start anew) rather than failing the whole restore.
     */
    java.util.Optional<Cursors> restore(Detectors d) {
        Map<String, Map<String, Object>> meta = store.load(List.of(META));
        Object state = meta.getOrDefault(META, Map.of()).get("state");
        if (!(state instanceof Map<?, ?> m) || !Integer.valueOf(FORMAT).equals(number(m.get("format")))) {
            return java.util.Optional.empty();
        }
        for (Section<?> section : sections(d)) {
            load(section);
        }
        d.multivariate.afterRestore();
        return java.util.Optional.of(new Cursors(instant(m.get("windows")), instant(m.get("jobs"))));
    }

    private <V> void load(Section<V> section) {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < SeriesMap.CHUNKS; c++) {
            ids.add(section.name() + "-" + c);
        }
        store.load(ids).forEach((id, doc) -> {
            if (!(doc.get("state") instanceof Map<?, ?> state) || !(state.get("data") instanceof String data)) {
                return;
            }
            try (DataInputStream in = new DataInputStream(new InflaterInputStream(
                    new ByteArrayInputStream(Base64.getDecoder().decode(data))))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String key = in.readUTF();
                    section.series().put(key, section.reader().read(key, in));
                }
            } catch (IOException | IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(BaselinePersistence.class)
                        .warn("Anomaly baseline document {} is unreadable, its series start anew: {}", id,
                                e.getMessage());
            }
        });
    }

    private static Integer number(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }
}
