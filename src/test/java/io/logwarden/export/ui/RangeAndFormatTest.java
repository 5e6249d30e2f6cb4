package io.logwarden.export.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RangeAndFormatTest {

    @Test
    void the_default_range_ends_after_now_so_the_current_minute_is_exported() {
        Instant before = Instant.now();

        RangeAndFormat form = new RangeAndFormat();

        assertThat(form.toInstant()).isAfter(before);
        assertThat(Duration.between(before, form.toInstant())).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(form.fromInstant(), form.toInstant())).isEqualTo(Duration.ofDays(1).plusMinutes(1));
    }
}
