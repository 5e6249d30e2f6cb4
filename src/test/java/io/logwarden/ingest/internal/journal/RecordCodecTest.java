package io.logwarden.ingest.internal.journal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordCodecTest {

    @Test
    void frames_a_large_batch_into_buffers_below_the_humongous_size_without_changing_the_bytes() {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] p = new byte[700 + i % 50];
            Arrays.fill(p, (byte) ('a' + i % 26));
            payloads.add(p);
        }

        List<ByteBuffer> chunks = RecordCodec.encode(payloads, 1 << 20);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(c -> assertThat(c.remaining()).isLessThanOrEqualTo(RecordCodec.CHUNK_BYTES));
        assertThat(decode(concat(chunks))).containsExactlyElementsOf(payloads);
    }

    @Test
    void a_record_larger_than_a_chunk_gets_a_buffer_of_its_own() {
        byte[] big = new byte[RecordCodec.CHUNK_BYTES + 10];
        List<byte[]> payloads = List.of("small".getBytes(), big, "after".getBytes());

        List<ByteBuffer> chunks = RecordCodec.encode(payloads, 1 << 20);

        assertThat(chunks).anySatisfy(c -> assertThat(c.remaining()).isEqualTo(RecordCodec.HEADER + big.length));
        assertThat(decode(concat(chunks))).containsExactlyElementsOf(payloads);
    }

    private static byte[] concat(List<ByteBuffer> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuffer c : chunks) {
            byte[] b = new byte[c.remaining()];
            c.duplicate().get(b);
            all.writeBytes(b);
        }
        return all.toByteArray();
    }

    private static List<byte[]> decode(byte[] framed) {
        ByteBuffer b = ByteBuffer.wrap(framed);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] p = new byte[b.getInt()];
            int crc = b.getInt();
            b.get(p);
            assertThat(RecordCodec.checksumMatches(p, crc)).isTrue();
            out.add(p);
        }
        return out;
    }
}
