package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartPanelTest {

    @Test
    void reads_the_bucket_start_of_a_clicked_time_series_point() {
        assertThat(ChartPanel.bucketStart("[1767261600000,12]")).contains(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(ChartPanel.bucketStart("\"[1767261600000,null]\"")).contains(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(ChartPanel.bucketStart("42")).isEmpty();
    }
}
