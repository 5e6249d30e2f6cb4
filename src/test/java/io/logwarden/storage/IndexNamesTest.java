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

    @Test
    void cached_daily_names_follow_the_day_and_the_family() {
        Instant day1 = Instant.parse("2026-11-21T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(IndexNames.eventsIndex(day1)).isEqualTo("logwarden-events-2026.11.21");
            assertThat(IndexNames.daily(IndexNames.DEAD_LETTER, day1)).isEqualTo("logwarden-deadletter-2026.11.21");
            assertThat(IndexNames.eventsIndex(day1.plusSeconds(14 * 3600))).isEqualTo("logwarden-events-2026.11.22");
            assertThat(IndexNames.eventsIndex(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo("logwarden-events-1969.12.31");
            assertThat(IndexNames.daily(IndexNames.AUDIT, day1)).isEqualTo("logwarden-audit-2026.11.21");
        }
    }
}
