package io.logwarden.storage.internal.bulk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.logwarden.storage.EventBulkWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link EventBulkWriter} on elasticsearch-java's {@link BulkIngester}; documents go as raw JSON bytes. */
final class IngesterBulkWriter implements EventBulkWriter {

    /**
     * Asks Elasticsearch to answer only what the listener reads: per item the index (required by the client's
     * parser), status and error. A full item also carries _id, _version, result, _shards, _seq_no and
     * _primary_term, which Elasticsearch spends CPU serialising and the client parsing. Error responses are never
     * filtered by Elasticsearch, so request-level failures still arrive whole.
     */
    static final String FILTER_PATH = "took,errors,items.*._index,items.*.status,items.*.error";

    private final BulkIngester<Long> ingester;
    private final Adapter adapter;

    IngesterBulkWriter(ElasticsearchClient client, Settings settings, Listener listener) {
        ElasticsearchClient filtered = client.withTransportOptions(
                client._transport().options().with(o -> o.setParameter("filter_path", FILTER_PATH)));
        this.adapter = new Adapter(listener);
        this.ingester = BulkIngester.of(b -> b.client(filtered)
                .maxOperations(settings.maxOperations())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.concurrentRequests())
                .flushInterval(settings.flushIntervalMillis(), TimeUnit.MILLISECONDS)
                .listener(adapter));
    }

    @Override
    public void add(String index, String id, byte[] json, int offset, int length, long ticket) {
        BinaryData document = BinaryData.of(json, offset, length, ContentType.APPLICATION_JSON);
        ingester.add(op -> op.index(i -> i.index(index).id(id).document(document)), ticket);
    }

    @Override
    public void flush() {
        ingester.flush();
    }

    /**
     * Includes requests whose results the listener has not finished handling: BulkIngester stops counting a request
     * as pending once its answer arrived but runs the listener later, on another thread. A shipper that replayed
     * as soon as the ingester's own count reached zero could race that listener and count a record twice.
     */
    @Override
    public int pending() {
        return ingester.pendingRequests() + ingester.pendingOperations() + adapter.inProgress();
    }

    @Override
    public void close() {
        ingester.close();
    }

    private static final class Adapter implements BulkListener<Long> {

        private final Listener listener;
        private final java.util.Map<Long, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        Adapter(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Long> contexts) {
            started.put(executionId, System.nanoTime());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Long> contexts, BulkResponse response) {
            try {
                List<Result> results = new ArrayList<>(contexts.size());
                List<BulkResponseItem> items = response.items();
                for (int i = 0; i < contexts.size(); i++) {
                    BulkResponseItem item = items.get(i);
                    ErrorCause error = item.error();
                    if (error == null) {
                        results.add(new Result(contexts.get(i), Status.INDEXED, null, null));
                    } else {
                        results.add(new Result(contexts.get(i), classify(item.status(), error), error.type(),
                                error.reason()));
                    }
                }
                Long start = started.get(executionId);
                listener.onResults(results, start == null ? 0 : System.nanoTime() - start);
            } finally {
                started.remove(executionId);
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Long> contexts, Throwable failure) {
            try {
                listener.onRequestFailure(contexts, failure);
            } finally {
                started.remove(executionId);
            }
        }

        /** Requests sent whose results have not been handled yet. */
        int inProgress() {
            return started.size();
        }

        private static Status classify(int status, ErrorCause error) {
            if (status == 429 || status >= 500 || "cluster_block_exception".equals(error.type())) {
                return Status.RETRY;
            }
            return Status.REJECTED;
        }
    }
}
