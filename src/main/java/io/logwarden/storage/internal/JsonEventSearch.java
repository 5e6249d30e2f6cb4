package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch._types.ShardStatistics;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.logwarden.storage.EventPage;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.StorageUnavailableException;
import io.logwarden.storage.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The search view's hot searches of the events alias — the newest events, the histogram, top values — written as
 * JSON and read with Jackson through the low-level client; the query is still built (and serialised) with the typed
 * client's model. The typed client's request and response objects cost 0.1-0.3 ms of CPU per aggregation and more on
 * a page of events, against 2-7 ms answers, and the view sends these with every query (decision 084).
 */
final class JsonEventSearch {

    private static final String PATH = "/" + IndexNames.EVENTS_ALIAS + "/_search";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes members of a JSON object: of the request body, or of its {@code aggregations}. */
    interface Members {
        void write(JsonGenerator json) throws IOException;
    }

    /** The parts of a search answer read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(@JsonProperty("_shards") JsonNode shards, Hits hits, JsonNode aggregations) {

        Answer {
            if (hits == null || hits.hits() == null) {
                hits = new Hits(hits == null ? null : hits.total(), List.of());
            }
            aggregations = aggregations == null ? MissingNode.getInstance() : aggregations;
        }

        /** {@code hits.total.value}, or -1 when the total was not counted. */
        long total() {
            return hits.total() == null ? -1 : hits.total().value();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hits(Total total, List<Hit> hits) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Total(long value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hit(@JsonProperty("_index") String index, @JsonProperty("_id") String id,
               @JsonProperty("_source") Map<String, Object> source, List<Number> sort) {
    }

    private final RestClient rest;
    private final JsonpMapper mapper;

    JsonEventSearch(RestClient rest, JsonpMapper mapper) {
        this.rest = rest;
        this.mapper = mapper;
    }

    /** The newest {@code size} matching events, with their {@code @timestamp} sort values; the total if asked. */
    EventPage newestFirst(Query query, int size, boolean countTotal, List<String> fields) {
        Answer answer = search(json -> {
            json.writeNumberField("size", size);
            json.writeBooleanField("track_total_hits", countTotal);
            query(json, query);
            json.writeArrayFieldStart("sort");
            json.writeStartObject();
            json.writeObjectFieldStart(SearchRequests.TIMESTAMP);
            json.writeStringField("order", "desc");
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            if (!fields.isEmpty()) {
                json.writeObjectFieldStart("_source");
                json.writeArrayFieldStart("includes");
                for (String field : fields) {
                    json.writeString(field);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        });
        List<StoredEvent> events = new ArrayList<>();
        for (Hit hit : answer.hits().hits()) {
            Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
            List<Long> sort = hit.sort() == null ? List.of() : hit.sort().stream().map(Number::longValue).toList();
            events.add(new StoredEvent(hit.id(), hit.index(), SearchRequests.timestamp(source.get(
                    SearchRequests.TIMESTAMP)), source, sort));
        }
        return new EventPage(countTotal ? answer.total() : -1, events, null);
    }

    /** A size-0 search: the answer's aggregations, and its total when {@code countTotal}. */
    Answer aggregations(Query query, boolean countTotal, Members aggregations) {
        return search(json -> {
            json.writeNumberField("size", 0);
            json.writeBooleanField("track_total_hits", countTotal);
            query(json, query);
            json.writeObjectFieldStart("aggregations");
            aggregations.write(json);
            json.writeEndObject();
        });
    }

    private void query(JsonGenerator json, Query query) throws IOException {
        json.writeFieldName("query");
        json.writeRawValue(JsonpUtils.toJsonString(query, mapper));
    }

    /**
     * Sends the body {@code members} writes. An answer with failed shards is refused as {@link
     * AnalyticsSearch#failIfPartial} refuses a chart's: a query only some shards could parse (the others skip it for
     * its time range) would otherwise look like fewer matches.
     */
    private Answer search(Members members) {
        Request request = new Request("POST", PATH);
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        request.setEntity(new StringEntity(body(members), ContentType.APPLICATION_JSON));
        // I/O failures are mapped as for the typed client's searches; error answers here, by their status
        Answer answer = SearchRequests.call(() -> {
            try (InputStream in = rest.performRequest(request).getEntity().getContent()) {
                return JSON.readValue(in, Answer.class);
            } catch (ResponseException e) {
                throw refused(e);
            }
        });
        if (answer.shards() != null && answer.shards().path("failed").asInt() > 0) {
            AnalyticsSearch.failIfPartial(ShardStatistics._DESERIALIZER.deserialize(
                    mapper.jsonProvider().createParser(new StringReader(answer.shards().toString())), mapper));
        }
        return answer;
    }

    /** 400: the query's fault, with Elasticsearch's reason; any other status: storage's. */
    private static RuntimeException refused(ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        String reason = reason(e);
        if (status == 400) {
            return new QueryRejectedException(reason, e);
        }
        return new StorageUnavailableException("Elasticsearch failed the search (" + status + "): " + reason,
                "Check Elasticsearch's health and log.", e);
    }

    private static String body(Members members) {
        StringWriter body = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            members.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Writing JSON to a string failed", e);
        }
        return body.toString();
    }

    /** Elasticsearch's reason for an error answer: the first root cause's, the cause's, the error's or the status. */
    private static String reason(ResponseException e) {
        try {
            JsonNode error = JSON.readTree(e.getResponse().getEntity().getContent()).path("error");
            for (JsonNode reason : List.of(error.path("root_cause").path(0).path("reason"),
                    error.path("caused_by").path("reason"), error.path("reason"))) {
                if (reason.isTextual()) {
                    return reason.asText();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not JSON (a proxy's error page): the status line says what there is to say
        }
        return e.getResponse().getStatusLine().toString();
    }
}
