package io.logwarden.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sorts_keys_and_escapes_strings() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1);
        value.put("a", Map.of("y", List.of(true, 2.5, "t\"ab\t\u0001"), "b", "ü"));
        value.put("m", null);
        assertThat(CanonicalJson.write(CanonicalJson.normalise(value)))
                .isEqualTo("{\"a\":{\"b\":\"ü\",\"y\":[true,2.5,\"t\\\"ab\\t\\u0001\"]},\"m\":null,\"z\":1}");
    }

    @Test
    void hashes_the_same_before_and_after_a_json_round_trip_of_number_types() {
        Map<String, Object> written = Map.of("n", 7, "l", 7L, "d", 1.0, "chain", Map.of("sequence", 3L));
        Map<String, Object> readBack = Map.of("n", 7L, "l", 7, "d", 1.0d, "chain", Map.of("sequence", 3));
        assertThat(ChainHash.of(written)).isEqualTo(ChainHash.of(readBack)).hasSize(64);
    }

    @Test
    void hash_ignores_its_own_field_but_covers_the_previous_hash() {
        Map<String, Object> record = Map.of("message", "m", "chain", Map.of("sequence", 1, "previous_hash", "a"));
        Map<String, Object> withHash = Map.of("message", "m", "chain", Map.of("sequence", 1, "previous_hash", "a",
                "hash", "whatever"));
        Map<String, Object> otherPrevious = Map.of("message", "m", "chain", Map.of("sequence", 1,
                "previous_hash", "b"));
        assertThat(ChainHash.of(withHash)).isEqualTo(ChainHash.of(record));
        assertThat(ChainHash.of(otherPrevious)).isNotEqualTo(ChainHash.of(record));
    }
}
