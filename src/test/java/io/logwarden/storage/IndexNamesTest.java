package io.logwarden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IndexNamesTest {

    @Test
    void daily_index_is_named_by_the_utc_day_of_the_timestamp() {
        assertThat(IndexNames.eventsIndex(Instant.parse("2026-11-21T23:59:59.999Z")))
                .isEqualTo("logwarden-events-2026.11.21");
        assertThat(IndexNames.eventsIndex(Instant.parse("2026-11-22T00:00:00Z")))
                .isEqualTo("logwarden-events-2026.11.22");
    }

    @Test
    void day_is_read_back_from_an_index_name_of_the_family_only() {
        assertThat(IndexNames.dayOf(IndexNames.EVENTS, "logwarden-events-2026.01.31"))
                .contains(LocalDate.of(2026, 1, 31));
        assertThat(IndexNames.dayOf(IndexNames.EVENTS, "logwarden-audit-2026.01.31")).isEmpty();
        assertThat(IndexNames.dayOf(IndexNames.EVENTS, "logwarden-events-latest")).isEmpty();
    }
}
