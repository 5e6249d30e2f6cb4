package io.logwarden.analytics.ui;

import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.TimeSeries;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ECharts options (JSON) for the dashboard's charts: tooltips, a legend whose entries toggle series, a toolbox with
 * PNG download, and colours for the light or dark theme.
 */
final class ChartOptions {

    enum Style { STACKED_BARS, LINES, BARS, PIE }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChartOptions() {
    }

    static String timeSeries(String id, TimeSeries data, Style style, boolean dark) {
        ObjectNode option = base(id, dark);
        option.putObject("tooltip").put("trigger", "axis").put("confine", true);
        legend(option, dark, data.series().stream().map(TimeSeries.Series::name).toList());
        option.putObject("grid").put("left", 56).put("right", 24).put("top", 52).put("bottom", 32);
        option.putObject("xAxis").put("type", "time").set("axisLabel", textColour(dark));
        ObjectNode yAxis = option.putObject("yAxis").put("type", "value").put("name", data.unit());
        yAxis.set("axisLabel", textColour(dark));
        yAxis.set("nameTextStyle", textColour(dark));
        if ("events".equals(data.unit())) {
            yAxis.put("minInterval", 1);
        }
        ArrayNode series = option.putArray("series");
        for (TimeSeries.Series s : data.series()) {
            ObjectNode node = series.addObject().put("name", s.name());
            if (style == Style.LINES) {
                node.put("type", "line").put("showSymbol", false).put("connectNulls", false);
            } else {
                node.put("type", "bar").put("stack", "total").put("barMaxWidth", 24);
            }
            ArrayNode points = node.putArray("data");
            List<Instant> starts = data.starts();
            for (int i = 0; i < starts.size(); i++) {
                ArrayNode point = points.addArray().add(starts.get(i).toEpochMilli());
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    point.addNull();
                } else {
                    point.add(Math.round(v * 1000) / 1000.0);
                }
            }
        }
        return JSON.writeValueAsString(option);
    }

    static String breakdown(String id, Breakdown data, Style style, boolean dark) {
        ObjectNode option = base(id, dark);
        if (style == Style.PIE) {
            option.putObject("tooltip").put("trigger", "item").put("confine", true);
            legend(option, dark, data.entries().stream().map(Breakdown.Entry::key).toList());
            ObjectNode pie = option.putArray("series").addObject().put("name", data.title()).put("type", "pie");
            pie.putArray("radius").add("35%").add("65%");
            pie.putArray("center").add("50%").add("58%");
            pie.putObject("label").put("color", dark ? "#ddd" : "#333");
            ArrayNode points = pie.putArray("data");
            data.entries().forEach(e -> points.addObject().put("name", e.key()).put("value", e.count()));
            return JSON.writeValueAsString(option);
        }
        option.putObject("tooltip").put("trigger", "axis").put("confine", true);
        legend(option, dark, List.of("Events"));
        option.putObject("grid").put("left", 8).put("right", 24).put("top", 32).put("bottom", 8)
                .put("containLabel", true);
        option.putObject("xAxis").put("type", "value").put("minInterval", 1).set("axisLabel", textColour(dark));
        ObjectNode yAxis = option.putObject("yAxis").put("type", "category").put("inverse", true);
        yAxis.set("axisLabel", textColour(dark).put("width", 160).put("overflow", "truncate"));
        ArrayNode categories = yAxis.putArray("data");
        ObjectNode bars = option.putArray("series").addObject().put("name", "Events").put("type", "bar")
                .put("barMaxWidth", 18);
        ArrayNode values = bars.putArray("data");
        for (Breakdown.Entry entry : data.entries()) {
            categories.add(entry.key());
            values.add(entry.count());
        }
        return JSON.writeValueAsString(option);
    }

    private static ObjectNode base(String id, boolean dark) {
        ObjectNode option = JSON.createObjectNode();
        option.put("backgroundColor", "transparent");
        option.putObject("textStyle").put("color", dark ? "#ddd" : "#333");
        ObjectNode save = option.putObject("toolbox").put("right", 8).putObject("feature").putObject("saveAsImage");
        save.put("name", id).put("title", "PNG").put("backgroundColor", dark ? "#1f2630" : "#ffffff");
        return option;
    }

    private static void legend(ObjectNode option, boolean dark, List<String> names) {
        ObjectNode legend = option.putObject("legend").put("type", "scroll").put("top", 0).put("left", 8)
                .put("right", 48);
        legend.set("textStyle", textColour(dark));
        ArrayNode data = legend.putArray("data");
        names.forEach(data::add);
    }

    private static ObjectNode textColour(boolean dark) {
        return JSON.createObjectNode().put("color", dark ? "#ccc" : "#555");
    }
}
