package io.logwarden.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.search.QuerySyntaxException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void round_trips_through_its_opaque_form() {
        Cursor cursor = new Cursor("pit+id/with==", List.of(1763640000000L, 42L), 12345,
                Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000), -7);
        String encoded = cursor.encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void rejects_tampered_or_garbage_cursors() {
        assertThatThrownBy(() -> Cursor.decode("not a cursor!")).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("The cursor is not valid");
        assertThatThrownBy(() -> Cursor.decode("YWJj")).isInstanceOf(QuerySyntaxException.class);
    }
}
