package io.logwarden.anomaly.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnomalyChartOptionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void the_gauge_bands_change_colour_at_the_configured_thresholds() {
        JsonNode series = JSON.readTree(AnomalyChartOptions.gauge(57.4, 30, 60)).get("series").get(0);

        JsonNode bands = series.get("axisLine").get("lineStyle").get("color");
        assertThat(bands.get(0).get(0).asDouble()).isEqualTo(0.3);
        assertThat(bands.get(1).get(0).asDouble()).isEqualTo(0.6);
        assertThat(bands.get(2).get(0).asDouble()).isEqualTo(1.0);
        assertThat(series.get("data").get(0).get("value").asLong()).isEqualTo(57);
    }
}
