package io.logwarden.search.ui;

import io.logwarden.search.Histogram;
import io.logwarden.search.HistogramBucket;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The ECharts option of the matches-over-time histogram, with an x-range brush for click-drag zoom. */
final class HistogramOption {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HistogramOption() {
    }

    static String of(Histogram histogram) {
        ObjectNode option = JSON.createObjectNode();
        option.put("animation", false);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("grid").put("left", 56).put("right", 16).put("top", 16).put("bottom", 28);
        ObjectNode x = option.putObject("xAxis");
        x.put("type", "time");
        x.put("min", histogram.range().from().toEpochMilli());
        x.put("max", histogram.range().to().toEpochMilli());
        option.putObject("yAxis").put("type", "value").put("minInterval", 1);
        ObjectNode brush = option.putObject("brush");
        brush.putArray("xAxisIndex").add(0);
        brush.put("brushType", "lineX").put("brushMode", "single").put("throttleType", "debounce");
        brush.putObject("brushStyle").put("color", "rgba(30,120,230,0.15)");
        option.putObject("toolbox").put("show", false).putObject("feature").putObject("brush").putArray("type")
                .add("lineX");
        ObjectNode series = option.putArray("series").addObject();
        series.put("name", "Matches").put("type", "bar").put("barCategoryGap", "10%");
        ArrayNode data = series.putArray("data");
        for (HistogramBucket bucket : histogram.buckets()) {
            data.addArray().add(bucket.start().toEpochMilli()).add(bucket.count());
        }
        return JSON.writeValueAsString(option);
    }
}
