package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchAnomalyScores implements AnomalyScores {

    private final ElasticsearchClient client;

    ElasticsearchAnomalyScores(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<Anomaly> top(ScopeFilter scope, Instant from, Instant to, int max) {
        // Anomalies active in the period (an ongoing silence or stuck run keeps counting), false positives excluded.
        Query range = Query.of(q -> q.bool(b -> b
                .filter(f -> f.range(r -> r.date(d -> d.field("window.start").lt(to.toString()))))
                .filter(f -> f.range(r -> r.date(d -> d.field("window.end").gt(from.toString()))))
                .mustNot(n -> n.term(t -> t.field("feedback").value("false_positive")))));
        try {
            var response = client.search(s -> s.index(IndexNames.pattern(IndexNames.ANOMALIES))
                    .ignoreUnavailable(true).allowNoIndices(true).size(max)
                    .query(ScopedQueries.wrap(range, scope))
                    .sort(o -> o.field(f -> f.field("score").order(SortOrder.Desc).unmappedType(FieldType.Double))),
                    Map.class);
            List<Anomaly> out = new ArrayList<>();
            for (Hit<Map> hit : response.hits().hits()) {
                Map source = hit.source();
                if (source == null) {
                    continue;
                }
                Object ts = source.get("@timestamp");
                Object score = source.get("score");
                out.add(new Anomaly(ts == null ? from : Instant.parse(ts.toString()), text(source.get("detector")),
                        text(nested(source, "entity", "id")),
                        score instanceof Number n ? n.doubleValue() : 0, text(source.get("explanation")),
                        text(nested(source, "service", "name")),
                        text(source.get("id") == null ? hit.id() : source.get("id")), text(source.get("severity"))));
            }
            return out;
        } catch (IOException e) {
            throw new StorageUnavailableException("Reading anomalies failed: " + e.getMessage(),
                    "Check that Elasticsearch is running.", e);
        }
    }

    private static Object nested(Map<?, ?> source, String object, String field) {
        Object flat = source.get(object + "." + field);
        if (flat != null) {
            return flat;
        }
        return source.get(object) instanceof Map<?, ?> inner ? inner.get(field) : null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
