package io.logwarden.storage.internal.bulk;

import co.elastic.clients.transport.http.TransportHttpClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SingleBufferHttpClientTest {

    @Test
    void coalesces_many_small_buffers_into_few_below_the_humongous_size_keeping_every_byte_in_order() {
        List<ByteBuffer> body = new ArrayList<>();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            byte[] action = ("{\"index\":{\"_id\":\"" + i + "\"}}\n").getBytes(StandardCharsets.UTF_8);
            byte[] doc = ("{\"message\":\"" + "x".repeat(500 + i % 40) + "\"}\n").getBytes(StandardCharsets.UTF_8);
            body.add(ByteBuffer.wrap(action));
            body.add(ByteBuffer.wrap(doc));
            expected.writeBytes(action);
            expected.writeBytes(doc);
        }
        TransportHttpClient.Request request = new TransportHttpClient.Request("POST", "/_bulk", Map.of(), Map.of(), body);

        BodyChunkPool pool = new BodyChunkPool(8);
        TransportHttpClient.Request coalesced = SingleBufferHttpClient.coalesce(request, pool).request();

        List<ByteBuffer> chunks = new ArrayList<>();
        coalesced.body().forEach(chunks::add);
        assertThat(chunks).hasSizeBetween(2, expected.size() / BodyChunkPool.CHUNK_BYTES + 1);
        assertThat(chunks).allSatisfy(c -> assertThat(c.remaining()).isLessThanOrEqualTo(BodyChunkPool.CHUNK_BYTES));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (ByteBuffer c : chunks) {
            byte[] b = new byte[c.remaining()];
            c.get(b);
            sent.writeBytes(b);
        }
        assertThat(sent.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(body).allSatisfy(b -> assertThat(b.position()).isZero()); // the originals are left as they were
    }

    @Test
    void buffers_return_to_the_pool_only_after_a_200_answer() {
        BodyChunkPool pool = new BodyChunkPool(8);
        List<ByteBuffer> body = List.of(ByteBuffer.wrap("{\"index\":{}}\n".getBytes()), ByteBuffer.wrap("{}\n".getBytes()));
        TransportHttpClient.Request request = new TransportHttpClient.Request("POST", "/_bulk", Map.of(), Map.of(), body);

        SingleBufferHttpClient.coalesce(request, pool).releaseIfAnswered(null, pool);
        assertThat(pool.pooled()).as("failed request: buffers may still be in use").isZero();

        SingleBufferHttpClient.Coalesced answered = SingleBufferHttpClient.coalesce(request, pool);
        answered.releaseIfAnswered(new StatusOnly(200), pool);
        assertThat(pool.pooled()).isEqualTo(1);

        ByteBuffer reused = SingleBufferHttpClient.coalesce(request, pool).pooled().getFirst();
        assertThat(reused).isSameAs(answered.pooled().getFirst());
        assertThat(reused.remaining()).isEqualTo("{\"index\":{}}\n{}\n".length());
        assertThat(pool.pooled()).isZero();
    }

    /** A response that only has a status: all releaseIfAnswered reads. */
    private record StatusOnly(int statusCode) implements TransportHttpClient.Response {
        @Override
        public TransportHttpClient.Node node() {
            return null;
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public java.util.List<String> headers(String name) {
            return List.of();
        }

        @Override
        public co.elastic.clients.util.BinaryData body() {
            return null;
        }

        @Override
        public Object originalResponse() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
