package io.logwarden.export.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeExpressionsTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void parses_iso_instants_and_relative_expressions() {
        assertThat(TimeExpressions.parse("2026-01-02T03:04:05Z", NOW, "from"))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(TimeExpressions.parse("now", NOW, "to")).isEqualTo(NOW);
        assertThat(TimeExpressions.parse("now-24h", NOW, "from")).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(TimeExpressions.parse("now-7d", NOW, "from")).isEqualTo(Instant.parse("2026-11-15T12:00:00Z"));
    }

    @Test
    void rejects_anything_else_with_the_parameter_name() {
        assertThatThrownBy(() -> TimeExpressions.parse("yesterday", NOW, "from"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> TimeExpressions.parse(" ", NOW, "to"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'to'");
    }
}
