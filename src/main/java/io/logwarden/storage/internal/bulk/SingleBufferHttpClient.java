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
 * The large buffers stay under {@link #CHUNK_BYTES}: a bulk body of 2,000 events (about 1.2 MB) in one array was a
 * G1 humongous allocation, and each of those started a concurrent marking cycle (18 in a 600k-event run).
 */
final class SingleBufferHttpClient implements TransportHttpClient {

    private final TransportHttpClient delegate;

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
        return delegate.performRequest(endpointId, node, coalesce(request), options);
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
        delegate.performRequestAsync(endpointId, node, coalesce(request), options).whenComplete((response, error) ->
                CALLBACKS.execute(() -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(response);
                    }
                }));
        return result;
    }

    private static final java.util.concurrent.Executor CALLBACKS =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulk-callback-", 0).factory());

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** Largest buffer coalescing allocates: a quarter of G1's smallest region (arrays from half a region up are humongous). */
    static final int CHUNK_BYTES = 256 * 1024;

    static Request coalesce(Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        int total = 0;
        int count = 0;
        for (ByteBuffer b : body) {
            total += b.remaining();
            count++;
        }
        if (count <= 1) {
            return request;
        }
        List<ByteBuffer> chunks = new ArrayList<>(total / CHUNK_BYTES + 1);
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(total, CHUNK_BYTES));
        int left = total;
        for (ByteBuffer b : body) {
            ByteBuffer part = b.duplicate();
            while (part.hasRemaining()) {
                if (!chunk.hasRemaining()) {
                    chunks.add(chunk.flip());
                    chunk = ByteBuffer.allocate(Math.min(left, CHUNK_BYTES));
                }
                int n = Math.min(part.remaining(), chunk.remaining());
                chunk.put(chunk.position(), part, part.position(), n);
                chunk.position(chunk.position() + n);
                part.position(part.position() + n);
                left -= n;
            }
        }
        chunks.add(chunk.flip());
        return new Request(request.method(), request.path(), request.queryParams(), request.headers(), chunks);
    }
}
