package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Bytes;
import co.elastic.clients.elasticsearch._types.ExpandWildcard;
import io.logwarden.storage.IndexInfo;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.NodeResources;
import io.logwarden.storage.StorageStatistics;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchStorageStatistics implements StorageStatistics {

    private static final List<String> FAMILIES = List.of(IndexNames.EVENTS, IndexNames.AUDIT, IndexNames.DEAD_LETTER,
            IndexNames.ANOMALIES, IndexNames.ALERTS);

    private final ElasticsearchClient client;

    ElasticsearchStorageStatistics(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<IndexInfo> indices() {
        try {
            var records = client.cat().indices(c -> c.index("logwarden-*", ".logwarden-*")
                    .expandWildcards(ExpandWildcard.All).bytes(Bytes.Bytes)).valueBody();
            return records.stream()
                    .map(r -> new IndexInfo(r.index(), dayOf(r.index()), parse(r.docsCount()), parse(r.storeSize()),
                            r.health()))
                    .sorted(Comparator.comparing(IndexInfo::name))
                    .toList();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<NodeResources> nodes() {
        try {
            var stats = client.nodes().stats(s -> s.metric("fs", "jvm"));
            List<NodeResources> nodes = new ArrayList<>();
            stats.nodes().values().forEach(n -> {
                var fs = n.fs() == null ? null : n.fs().total();
                var mem = n.jvm() == null ? null : n.jvm().mem();
                nodes.add(new NodeResources(n.name(),
                        fs == null || fs.totalInBytes() == null ? 0 : fs.totalInBytes(),
                        fs == null || fs.availableInBytes() == null ? 0 : fs.availableInBytes(),
                        mem == null || mem.heapUsedInBytes() == null ? 0 : mem.heapUsedInBytes(),
                        mem == null || mem.heapMaxInBytes() == null ? 0 : mem.heapMaxInBytes()));
            });
            return nodes;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static LocalDate dayOf(String index) {
        return FAMILIES.stream().map(f -> IndexNames.dayOf(f, index)).flatMap(Optional::stream)
                .findFirst().orElse(null);
    }

    private static long parse(String number) {
        if (number == null || number.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(number.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Reading cluster statistics failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
