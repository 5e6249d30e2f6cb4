package io.logwarden.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.search.TimelineEntry.FieldChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeDiffTest {

    @Test
    void lists_changed_added_and_removed_fields_of_before_and_after() {
        assertThat(ChangeDiff.of(Map.of("status", "new", "total", 10, "note", "x", "address", Map.of("city", "A")),
                Map.of("status", "paid", "total", 10, "address", Map.of("city", "B")), null))
                .containsExactly(new FieldChange("address.city", "A", "B"), new FieldChange("note", "x", null),
                        new FieldChange("status", "new", "paid"));
    }

    @Test
    void reads_a_changes_map_or_list_when_there_is_no_before_and_after() {
        assertThat(ChangeDiff.of(null, null, Map.of("status", Map.of("from", "a", "to", "b"))))
                .containsExactly(new FieldChange("status", "a", "b"));
        assertThat(ChangeDiff.of(null, null, List.of(Map.of("field", "role", "old", "viewer", "new", "admin"))))
                .containsExactly(new FieldChange("role", "viewer", "admin"));
        assertThat(ChangeDiff.of(null, null, "not structured")).isEmpty();
    }
}
