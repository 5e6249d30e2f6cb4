package io.logwarden.storage.internal.bulk;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a request body made of many small NDJSON buffers into a few large ones before handing it to the wrapped
 * client. RestClientTransport otherwise sends each buffer as its own HTTP chunk (about three per bulk document,
 * elasticsearch-java#1339), which cost 17-23 client CPU-s per million events here and raised Elasticsearch's CPU.
 * The large buffers are {@link BodyChunkPool}'s: a bulk body of 2,000 events (about 1.2 MB) in one array was a G1
 * humongous allocation, and each of those started a concurrent marking cycle (18 in a 600k-event run).
 */
final class SingleBufferHttpClient implements TransportHttpClient {

    /** Enough buffers for a few requests in flight of 2,000 ~600-byte events (5 buffers each). */
    private static final int POOLED_CHUNKS = 24;

    private final TransportHttpClient delegate;
    private final BodyChunkPool chunks = new BodyChunkPool(POOLED_CHUNKS);

    SingleBufferHttpClient(TransportHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransportOptions createOptions(TransportOptions options) {
        return delegate.createOptions(options);
    }

    @Override
    public Response performRequest(String endpointId, Node node, Request request, TransportOptions options)
            throws IOException {
        Coalesced body = coalesce(request, chunks);
        Response response = delegate.performRequest(endpointId, node, body.request(), options);
        body.releaseIfAnswered(response, chunks);
        return response;
    }

    /**
     * Completes the returned future on a separate thread, never on the HTTP client's I/O thread: BulkIngester's
     * completion callback takes the ingester's lock, and a thread holding that lock may be waiting for the
     * connection pool lock the I/O thread holds while it fails a request (connection refused). That deadlock
     * was seen here with Elasticsearch unreachable (ShipperIT).
     */
    @Override
    public CompletableFuture<Response> performRequestAsync(String endpointId, Node node, Request request,
                                                           TransportOptions options) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Coalesced body = coalesce(request, chunks);
        delegate.performRequestAsync(endpointId, node, body.request(), options).whenComplete((response, error) -> {
            body.releaseIfAnswered(response, chunks);
            CALLBACKS.execute(() -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(response);
                }
            });
        });
        return result;
    }

    private static final java.util.concurrent.Executor CALLBACKS =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulk-callback-", 0).factory());

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** A request whose body was copied into pooled buffers. */
    record Coalesced(Request request, List<ByteBuffer> pooled) {

        /**
         * Returns the buffers once Elasticsearch answered 200: a bulk request is read whole before it is answered,
         * so the client is done with them. After a failure they are not reused (the client may still hold them).
         */
        void releaseIfAnswered(Response response, BodyChunkPool pool) {
            if (response != null && response.statusCode() == 200 && !pooled.isEmpty()) {
                pool.give(pooled);
            }
        }
    }

    static Coalesced coalesce(Request request, BodyChunkPool pool) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return new Coalesced(request, List.of());
        }
        int total = 0;
        int count = 0;
        for (ByteBuffer b : body) {
            total += b.remaining();
            count++;
        }
        if (count <= 1) {
            return new Coalesced(request, List.of());
        }
        List<ByteBuffer> chunks = new ArrayList<>(total / BodyChunkPool.CHUNK_BYTES + 1);
        ByteBuffer chunk = pool.take();
        for (ByteBuffer b : body) {
            ByteBuffer part = b.duplicate();
            while (part.hasRemaining()) {
                if (!chunk.hasRemaining()) {
                    chunks.add(chunk.flip());
                    chunk = pool.take();
                }
                int n = Math.min(part.remaining(), chunk.remaining());
                chunk.put(chunk.position(), part, part.position(), n);
                chunk.position(chunk.position() + n);
                part.position(part.position() + n);
            }
        }
        chunks.add(chunk.flip());
        return new Coalesced(new Request(request.method(), request.path(), request.queryParams(), request.headers(),
                chunks), chunks);
    }
}
