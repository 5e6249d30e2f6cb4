package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.AnomalyRecords;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchAnomalyRecords implements AnomalyRecords {

    private static final String FAILED = "Anomaly storage failed";

    @SuppressWarnings("rawtypes")
    private static final Class<Map> MAP = Map.class;
    private static final int IDS_PER_LOOKUP = 1000;

    private final ElasticsearchClient client;

    ElasticsearchAnomalyRecords(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Recorded> record(List<Map<String, Object>> documents, List<String> keep) {
        if (documents.isEmpty()) {
            return List.of();
        }
        // A document never moves (its index is the day of its window start, part of its id): a realtime multi-get by
        // index and id finds it even before a refresh, and reads one shard per document instead of searching every
        // daily index.
        Map<String, Stored> existing = new HashMap<>();
        Map<String, String> indexOf = new LinkedHashMap<>();
        for (Map<String, Object> doc : documents) {
            indexOf.put(String.valueOf(doc.get("id")),
                    IndexNames.daily(IndexNames.ANOMALIES, Instant.parse(String.valueOf(doc.get("@timestamp")))));
        }
        List<Map.Entry<String, String>> lookups = new ArrayList<>(indexOf.entrySet());
        for (int i = 0; i < lookups.size(); i += IDS_PER_LOOKUP) {
            List<Map.Entry<String, String>> batch = lookups.subList(i, Math.min(lookups.size(), i + IDS_PER_LOOKUP));
            MgetResponse<Map> found = call(() -> client.mget(m -> {
                m.sourceIncludes("severity", "feedback");
                batch.forEach(e -> m.docs(d -> d.index(e.getValue()).id(e.getKey())));
                return m;
            }, MAP));
            for (MultiGetResponseItem<Map> item : found.docs()) {
                // a failure is a missing daily index (none yet, or deleted by retention): no such document
                if (item.isResult() && item.result().found()) {
                    existing.put(item.result().id(), new Stored(item.result().index(),
                            item.result().source() == null ? Map.of() : (Map<String, Object>) item.result().source()));
                }
            }
        }
        List<BulkOperation> ops = new ArrayList<>();
        List<Recorded> out = new ArrayList<>();
        for (Map<String, Object> doc : documents) {
            String id = String.valueOf(doc.get("id"));
            Stored hit = existing.get(id);
            if (hit == null) {
                Instant at = Instant.parse(String.valueOf(doc.get("@timestamp")));
                ops.add(BulkOperation.of(o -> o.create(c -> c.index(IndexNames.daily(IndexNames.ANOMALIES, at))
                        .id(id).document(doc))));
                out.add(new Recorded(id, true, null, null));
            } else {
                Map<String, Object> changed = new LinkedHashMap<>(doc);
                keep.forEach(changed::remove);
                ops.add(BulkOperation.of(o -> o.update(u -> u.index(hit.index()).id(id)
                        .action(a -> a.doc(changed)))));
                Map<String, Object> before = hit.source();
                out.add(new Recorded(id, false, text(before.get("severity")), text(before.get("feedback"))));
            }
        }
        // Refreshed at once rather than waiting for the next scheduled refresh (up to refresh_interval, which was most
        // of a detector cycle): the anomalies indices take a small bulk a minute, so the forced refresh is cheap.
        BulkResponse response = call(() -> client.bulk(b -> b.operations(ops).refresh(Refresh.True)));
        if (response.errors()) {
            String reason = response.items().stream().filter(i -> i.error() != null)
                    .map(i -> i.id() + ": " + i.error().reason()).findFirst().orElse("unknown");
            throw new StorageUnavailableException("Writing anomalies failed: " + reason,
                    "Check the logwarden-anomalies index template.", null);
        }
        return out;
    }

    private record Stored(String index, Map<String, Object> source) {
    }

    @Override
    public List<Map<String, Object>> search(ScopeFilter scope, Instant from, Instant to, double minScore, int max) {
        Query overlap = Query.of(q -> q.bool(b -> b
                .filter(f -> f.range(r -> r.date(d -> d.field("window.start").lt(to.toString()))))
                .filter(f -> f.range(r -> r.date(d -> d.field("window.end").gt(from.toString()))))
                .filter(f -> f.range(r -> r.number(n -> n.field("score").gte(minScore))))));
        return hits(call(() -> client.search(s -> s
                .index(IndexNames.pattern(IndexNames.ANOMALIES))
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(max)
                .query(ScopedQueries.wrap(overlap, scope))
                .sort(o -> o.field(f -> f.field("window.end").order(SortOrder.Desc).unmappedType(FieldType.Date)))
                .sort(o -> o.field(f -> f.field("score").order(SortOrder.Desc).unmappedType(FieldType.Double))),
                MAP)));
    }

    @Override
    public Optional<Map<String, Object>> find(ScopeFilter scope, String id) {
        Query byId = Query.of(q -> q.ids(i -> i.values(id)));
        return hits(call(() -> client.search(s -> s.index(IndexNames.pattern(IndexNames.ANOMALIES))
                .ignoreUnavailable(true).allowNoIndices(true).size(1)
                .query(ScopedQueries.wrap(byId, scope)), MAP))).stream().findFirst();
    }

    @Override
    public boolean update(String id, Map<String, Object> fields) {
        SearchResponse<Map> response = call(() -> client.search(s -> s
                .index(IndexNames.pattern(IndexNames.ANOMALIES))
                .ignoreUnavailable(true).allowNoIndices(true).size(1)
                .source(src -> src.fetch(false))
                .query(q -> q.ids(i -> i.values(id))), MAP));
        Optional<Hit<Map>> hit = response.hits().hits().stream().findFirst();
        if (hit.isEmpty()) {
            return false;
        }
        call(() -> client.update(u -> u.index(hit.get().index()).id(id).doc(fields).refresh(Refresh.WaitFor), MAP));
        return true;
    }

    @Override
    public List<Map<String, Object>> findWhere(Map<String, String> equals, int max) {
        Query query = Query.of(q -> q.bool(b -> {
            equals.forEach((field, value) -> b.filter(f -> f.term(t -> t.field(field).value(value))));
            return b;
        }));
        return hits(call(() -> client.search(s -> s.index(IndexNames.pattern(IndexNames.ANOMALIES))
                .ignoreUnavailable(true).allowNoIndices(true).size(max).query(query), MAP)));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hits(SearchResponse<Map> response) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            if (hit.source() != null) {
                out.add(new LinkedHashMap<>((Map<String, Object>) hit.source()));
            }
        }
        return out;
    }

    private static <T> T call(StorageCalls.Call<T> request) {
        return StorageCalls.call(FAILED, request);
    }
}
