package io.logwarden.storage.internal.bulk;

import io.logwarden.storage.EventBulkWriter;
import io.logwarden.testsupport.TestElasticsearch;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk writer against a real Elasticsearch, watching the HTTP exchanges on the wire. */
class IngesterBulkWriterIT {

    private final Queue<String> bulkRequestUris = new ConcurrentLinkedQueue<>();
    private final Queue<Long> bulkResponseLengths = new ConcurrentLinkedQueue<>();
    private final Queue<EventBulkWriter.Result> results = new ConcurrentLinkedQueue<>();
    private final String index = "bulk-writer-it-" + UUID.randomUUID();
    private RestClient rest;

    @BeforeEach
    void connect() throws Exception {
        URI es = TestElasticsearch.url();
        rest = RestClient.builder(HttpHost.create(es.toString())).setHttpClientConfigCallback(http -> http
                .addInterceptorLast((HttpRequestInterceptor) (request, context) -> {
                    if (request.getRequestLine().getUri().startsWith("/_bulk")) {
                        bulkRequestUris.add(request.getRequestLine().getUri());
                    }
                })
                .addInterceptorLast((HttpResponseInterceptor) (response, context) -> {
                    Header length = response.getFirstHeader("Content-Length");
                    if (length != null && response.getStatusLine().getStatusCode() == 200) {
                        bulkResponseLengths.add(Long.parseLong(length.getValue()));
                    }
                })).build();
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity("{\"mappings\":{\"properties\":{\"n\":{\"type\":\"long\"}}}}");
        rest.performRequest(create);
    }

    @AfterEach
    void cleanUp() throws Exception {
        rest.performRequest(new Request("DELETE", "/" + index));
        rest.close();
    }

    private EventBulkWriter open() {
        return new IngesterBulkWriters(rest).open(new EventBulkWriter.Settings(100, 1 << 20, 1, 50),
                new EventBulkWriter.Listener() {
                    @Override
                    public void onResults(List<EventBulkWriter.Result> batch, long latencyNanos) {
                        results.addAll(batch);
                    }

                    @Override
                    public void onRequestFailure(List<Long> tickets, Throwable error) {
                        tickets.forEach(t -> results.add(new EventBulkWriter.Result(t, null, "request", error.toString())));
                    }
                });
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void awaitResults(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (results.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(results).hasSize(count);
    }

    @Test
    void asks_for_filtered_responses_and_still_reports_each_item_status_and_error() throws Exception {
        try (EventBulkWriter writer = open()) {
            for (int i = 0; i < 50; i++) {
                byte[] doc = json("{\"n\":" + i + "}");
                writer.add(index, "doc-" + i, doc, 0, doc.length, i);
            }
            byte[] bad = json("xx{\"n\":\"not a number\"}yy");
            writer.add(index, "doc-bad", bad, 2, bad.length - 4, 999);
            writer.flush();
            awaitResults(51);
        }
        Map<Long, EventBulkWriter.Result> byTicket = results.stream()
                .collect(Collectors.toMap(EventBulkWriter.Result::ticket, Function.identity()));
        for (long i = 0; i < 50; i++) {
            assertThat(byTicket.get(i).status()).isEqualTo(EventBulkWriter.Status.INDEXED);
        }
        EventBulkWriter.Result refused = byTicket.get(999L);
        assertThat(refused.status()).isEqualTo(EventBulkWriter.Status.REJECTED);
        assertThat(refused.errorType()).isNotBlank();
        assertThat(refused.errorReason()).contains("[n]");

        assertThat(bulkRequestUris).isNotEmpty().allSatisfy(uri -> assertThat(uri).contains("filter_path="));
        long answered = bulkResponseLengths.stream().mapToLong(Long::longValue).sum();
        // An unfiltered item ({"index":{"_index","_id","_version","result","_shards",...}}) is about 200 bytes.
        assertThat(answered).isPositive().isLessThan(51 * 100L);
        rest.performRequest(new Request("POST", "/" + index + "/_refresh"));
        String count = new String(rest.performRequest(new Request("GET", "/" + index + "/_count"))
                .getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(count).contains("\"count\":50");
    }

    @Test
    void classifies_a_write_blocked_index_as_temporary() throws Exception {
        Request block = new Request("PUT", "/" + index + "/_settings");
        block.setJsonEntity("{\"index.blocks.write\":true}");
        rest.performRequest(block);
        try (EventBulkWriter writer = open()) {
            byte[] doc = json("{\"n\":1}");
            writer.add(index, "blocked", doc, 0, doc.length, 7);
            writer.flush();
            awaitResults(1);
        } finally {
            Request unblock = new Request("PUT", "/" + index + "/_settings");
            unblock.setJsonEntity("{\"index.blocks.write\":false}");
            rest.performRequest(unblock);
        }
        EventBulkWriter.Result result = results.peek();
        assertThat(result.status()).isEqualTo(EventBulkWriter.Status.RETRY);
        assertThat(result.errorType()).isEqualTo("cluster_block_exception");
    }
}
