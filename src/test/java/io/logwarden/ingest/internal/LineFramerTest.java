package io.logwarden.ingest.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineFramerTest {

    private final List<String> lines = new ArrayList<>();
    private final LineFramer.Sink sink = new LineFramer.Sink() {
        @Override
        public void line(byte[] buf, int off, int len) {
            lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void oversized(byte[] prefix, int prefixLen, long totalLength) {
            lines.add("oversized " + totalLength);
        }
    };

    private void feed(LineFramer framer, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        framer.feed(b, 0, b.length, sink);
    }

    @Test
    void the_buffer_of_a_long_split_line_shrinks_once_the_line_is_complete() {
        LineFramer framer = new LineFramer(1 << 20);
        String big = "{\"m\":\"" + "x".repeat(500_000) + "\"}";
        feed(framer, big.substring(0, 300_000));
        feed(framer, big.substring(300_000));
        assertThat(framer.bufferCapacity()).isGreaterThan(LineFramer.KEEP_AT_MOST);

        feed(framer, "\n");

        assertThat(lines).containsExactly(big);
        assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(LineFramer.KEEP_AT_MOST);
    }

    @Test
    void an_oversized_split_line_is_reported_once_and_the_buffer_shrinks() {
        LineFramer framer = new LineFramer(100_000);
        feed(framer, "a".repeat(90_000));
        feed(framer, "b".repeat(90_000));
        feed(framer, "\n{\"m\":1}\n");

        assertThat(lines).containsExactly("oversized 180000", "{\"m\":1}");
        assertThat(framer.bufferCapacity()).isLessThanOrEqualTo(LineFramer.KEEP_AT_MOST);
    }
}
