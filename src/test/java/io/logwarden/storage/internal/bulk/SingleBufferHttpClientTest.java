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

        TransportHttpClient.Request coalesced = SingleBufferHttpClient.coalesce(request);

        List<ByteBuffer> chunks = new ArrayList<>();
        coalesced.body().forEach(chunks::add);
        assertThat(chunks).hasSizeBetween(2, expected.size() / SingleBufferHttpClient.CHUNK_BYTES + 1);
        assertThat(chunks).allSatisfy(c -> assertThat(c.remaining()).isLessThanOrEqualTo(SingleBufferHttpClient.CHUNK_BYTES));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (ByteBuffer c : chunks) {
            byte[] b = new byte[c.remaining()];
            c.get(b);
            sent.writeBytes(b);
        }
        assertThat(sent.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(body).allSatisfy(b -> assertThat(b.position()).isZero()); // the originals are left as they were
    }
}
