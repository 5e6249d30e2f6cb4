package io.logwarden.analytics.ui;

import io.logwarden.analytics.EventVolume;
import io.logwarden.analytics.VolumePoint;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the ECharts option of an events-over-time bar chart. */
final class EventVolumeChartOption {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventVolumeChartOption() {
    }

    static String barChart(EventVolume volume) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("grid").put("left", 48).put("right", 16).put("top", 24).put("bottom", 32);
        option.putObject("xAxis").put("type", "time");
        option.putObject("yAxis").put("type", "value").put("minInterval", 1);
        ObjectNode series = option.putArray("series").addObject();
        series.put("name", "Events").put("type", "bar").put("barMaxWidth", 24);
        ArrayNode data = series.putArray("data");
        for (VolumePoint point : volume.points()) {
            data.addArray().add(point.start().toEpochMilli()).add(point.count());
        }
        return JSON.writeValueAsString(option);
    }
}
