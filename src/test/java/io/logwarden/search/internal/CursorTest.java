package io.logwarden.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.search.QuerySyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void round_trips_through_its_opaque_form() {
        Cursor cursor = new Cursor("pit+id/with==", List.of(1763640000000L, 42L), 12345,
                Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000), -7, null, List.of());
        String encoded = cursor.encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void round_trips_the_boundary_of_a_page_read_without_a_point_in_time() {
        Cursor cursor = new Cursor("", List.of(), 99, Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000), 3,
                Instant.ofEpochMilli(1500), List.of("id,with\ncomma", "plain", "ünïcode"));
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void rejects_tampered_or_garbage_cursors() {
        assertThatThrownBy(() -> Cursor.decode("not a cursor!")).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("The cursor is not valid");
        assertThatThrownBy(() -> Cursor.decode("YWJj")).isInstanceOf(QuerySyntaxException.class);
        String neitherPitNorBoundary = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "c2\n\n\n1\n1\n2\n3\n\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursor.decode(neitherPitNorBoundary)).isInstanceOf(QuerySyntaxException.class);
    }
}
