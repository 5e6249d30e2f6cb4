package io.logwarden.storage.internal.bulk;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reusable request-body buffers for bulk requests. A bulk body lives as long as Elasticsearch takes to index it,
 * often across young collections: fresh buffers were promoted to the old generation and made G1 run concurrent
 * cycles to reclaim them. Buffers come back only from requests Elasticsearch answered, so a buffer is never
 * rewritten while a request might still be sending it.
 */
final class BodyChunkPool {

    /** Size of every buffer: a quarter of G1's smallest region, so never a humongous allocation. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final int maxPooled;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();

    /** @param maxPooled buffers kept for reuse (the rest are left to the garbage collector) */
    BodyChunkPool(int maxPooled) {
        this.maxPooled = maxPooled;
    }

    ByteBuffer take() {
        ByteBuffer b = free.poll();
        if (b == null) {
            return ByteBuffer.allocate(CHUNK_BYTES);
        }
        pooled.decrementAndGet();
        return b.clear();
    }

    void give(List<ByteBuffer> chunks) {
        for (ByteBuffer b : chunks) {
            if (b.capacity() == CHUNK_BYTES && pooled.incrementAndGet() <= maxPooled) {
                free.add(b);
            } else if (b.capacity() == CHUNK_BYTES) {
                pooled.decrementAndGet();
            }
        }
    }

    int pooled() {
        return pooled.get();
    }
}
