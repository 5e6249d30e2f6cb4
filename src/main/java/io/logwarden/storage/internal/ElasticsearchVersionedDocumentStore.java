package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.storage.VersionedDocumentStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;
import org.springframework.stereotype.Service;

@Service
class ElasticsearchVersionedDocumentStore implements VersionedDocumentStore {

    private final ElasticsearchClient client;

    ElasticsearchVersionedDocumentStore(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public <T> Optional<Versioned<T>> get(String index, String id, Class<T> type) {
        try {
            GetResponse<T> r = client.get(g -> g.index(index).id(id), type);
            if (!r.found() || r.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Versioned<>(id, r.source(), new Version(r.seqNo(), r.primaryTerm())));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public <T> Optional<Version> create(String index, String id, T document) {
        try {
            var r = client.create(c -> c.index(index).id(id).document(document).refresh(Refresh.True));
            return Optional.of(new Version(r.seqNo(), r.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            if (conflict(e)) {
                return Optional.empty();
            }
            throw unavailable(e);
        }
    }

    @Override
    public <T> Optional<Version> replace(String index, String id, T document, Version expected) {
        return replace(index, id, document, expected, Refresh.True);
    }

    @Override
    public <T> Optional<Version> replaceQuietly(String index, String id, T document, Version expected) {
        return replace(index, id, document, expected, Refresh.False);
    }

    private <T> Optional<Version> replace(String index, String id, T document, Version expected, Refresh refresh) {
        try {
            var r = client.index(x -> x.index(index).id(id).document(document).ifSeqNo(expected.seqNo())
                    .ifPrimaryTerm(expected.primaryTerm()).refresh(refresh));
            return Optional.of(new Version(r.seqNo(), r.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            if (conflict(e)) {
                return Optional.empty();
            }
            throw unavailable(e);
        }
    }

    @Override
    public <T> void put(String index, String id, T document) {
        try {
            client.index(x -> x.index(index).id(id).document(document).refresh(Refresh.True));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void delete(String index, String id) {
        try {
            client.delete(d -> d.index(index).id(id).refresh(Refresh.True));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public <T> List<Versioned<T>> search(String index, Map<String, Object> equals, List<Sort> sort, int max,
                                         Class<T> type) {
        return page(index, equals, sort, 0, max, type).documents();
    }

    @Override
    public <T> Page<T> page(String index, Map<String, Object> equals, List<Sort> sort, int from, int size,
                            Class<T> type) {
        try {
            var response = client.search(s -> {
                s.index(index).ignoreUnavailable(true).allowNoIndices(true).seqNoPrimaryTerm(true).from(from)
                        .size(size).trackTotalHits(t -> t.enabled(true)).query(filter(equals));
                for (Sort order : sort) {
                    s.sort(o -> o.field(f -> f.field(order.field()).unmappedType(FieldType.Keyword)
                            .order(order.descending() ? SortOrder.Desc : SortOrder.Asc)));
                }
                return s;
            }, type);
            List<Versioned<T>> out = new ArrayList<>();
            for (Hit<T> hit : response.hits().hits()) {
                if (hit.source() != null) {
                    long seqNo = hit.seqNo() == null ? -1 : hit.seqNo();
                    long term = hit.primaryTerm() == null ? -1 : hit.primaryTerm();
                    out.add(new Versioned<>(hit.id(), hit.source(), new Version(seqNo, term)));
                }
            }
            long total = response.hits().total() == null ? out.size() : response.hits().total().value();
            return new Page<>(total, out);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long count(String index, Map<String, Object> equals) {
        try {
            return client.count(c -> c.index(index).ignoreUnavailable(true).allowNoIndices(true)
                    .query(filter(equals))).count();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public <T> void append(String family, Instant timestamp, T document) {
        try {
            client.index(x -> x.index(IndexNames.daily(family, timestamp)).document(document).refresh(Refresh.True));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static Query filter(Map<String, Object> equals) {
        return Query.of(q -> q.bool(b -> {
            equals.forEach((field, value) -> b.filter(f -> value instanceof java.util.Collection<?> anyOf
                    ? f.terms(t -> t.field(field).terms(v -> v.value(anyOf.stream().map(
                            ElasticsearchVersionedDocumentStore::fieldValue).toList())))
                    : f.term(t -> t.field(field).value(fieldValue(value)))));
            return b;
        }));
    }

    static FieldValue fieldValue(Object value) {
        return switch (value) {
            case Boolean bool -> FieldValue.of(bool);
            case Long l -> FieldValue.of(l);
            case Integer i -> FieldValue.of(i.longValue());
            case Double d -> FieldValue.of(d);
            default -> FieldValue.of(value.toString());
        };
    }

    /**
     * A version conflict can also surface as the low-level client's ResponseException (seen with refresh=true on
     * {@code _create}), not only as an ElasticsearchException.
     */
    private static boolean conflict(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResponseException r && r.getResponse().getStatusLine().getStatusCode() == 409) {
                return true;
            }
        }
        return false;
    }

    private static StorageUnavailableException unavailable(IOException e) {
        return new StorageUnavailableException("Elasticsearch request failed: " + e.getMessage(),
                "Check that Elasticsearch is running.", e);
    }
}
