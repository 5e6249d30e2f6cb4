package io.logwarden.analytics.ui;

import io.logwarden.analytics.AnomalyMark;
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ECharts options (JSON) for the dashboard's charts: tooltips, a legend whose entries toggle series, a toolbox with
 * PNG download, colours for the light or dark theme, and anomalies as shaded windows with a pin (series
 * "Anomalies", itself toggled from the legend) whose click opens the anomaly.
 */
final class ChartOptions {

    enum Style { STACKED_BARS, LINES, BARS, PIE }

    /** Legend entry and series name of the anomaly overlay. */
    static final String ANOMALIES = "Anomalies";
    /** Prefix of an anomaly mark's name; the rest is the anomaly id. */
    static final String ANOMALY_PREFIX = "anomaly:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChartOptions() {
    }

    static String timeSeries(String id, TimeSeries data, Style style, boolean dark, List<AnomalyMark> marks) {
        ObjectNode option = base(id, dark);
        option.putObject("tooltip").put("trigger", "axis").put("confine", true);
        List<String> names = new ArrayList<>(data.series().stream().map(TimeSeries.Series::name).toList());
        if (!marks.isEmpty()) {
            names.add(ANOMALIES);
        }
        legend(option, dark, names);
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
                // no symbols on long series; triggerLineEvent makes a click on the line itself reach the server
                node.put("type", "line").put("showSymbol", false).put("connectNulls", false)
                        .put("triggerLineEvent", true);
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
        if (!marks.isEmpty()) {
            series.add(anomalies(marks, top(data, style)));
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

    /** The system anomaly score as a gauge, coloured by the configured severity bands. */
    static String gauge(double score, double medium, double high, boolean dark) {
        ObjectNode option = JSON.createObjectNode().put("backgroundColor", "transparent");
        ObjectNode gauge = option.putArray("series").addObject();
        gauge.put("name", "System anomaly score").put("type", "gauge").put("min", 0).put("max", 100)
                .put("radius", "95%");
        ArrayNode colours = gauge.putObject("axisLine").putObject("lineStyle").put("width", 12).putArray("color");
        colours.addArray().add(medium / 100).add("#8c9bab");
        colours.addArray().add(high / 100).add("#f5a623");
        colours.addArray().add(1).add("#d32f2f");
        gauge.putObject("axisLabel").put("show", false);
        gauge.putObject("axisTick").put("show", false);
        gauge.putObject("splitLine").put("length", 6).putObject("lineStyle").put("color", dark ? "#666" : "#bbb");
        gauge.putObject("pointer").put("width", 4);
        gauge.putObject("detail").put("formatter", "{value}").put("fontSize", 18).put("color", dark ? "#ddd" : "#333")
                .putArray("offsetCenter").add(0).add("65%");
        gauge.putArray("data").addObject().put("value", Math.round(score)).put("name", "score");
        return JSON.writeValueAsString(option);
    }

    /** Shaded anomaly windows and a pin per anomaly, on an otherwise empty series. */
    private static ObjectNode anomalies(List<AnomalyMark> marks, double top) {
        ObjectNode overlay = JSON.createObjectNode().put("name", ANOMALIES).put("type", "line");
        overlay.putArray("data");
        overlay.putObject("itemStyle").put("color", "#d32f2f");
        ObjectNode area = overlay.putObject("markArea");
        area.putObject("label").put("show", false);
        ArrayNode areas = area.putArray("data");
        ObjectNode pin = overlay.putObject("markPoint").put("symbol", "pin").put("symbolSize", 34);
        pin.putObject("label").put("formatter", "{c}").put("fontSize", 10);
        ArrayNode pins = pin.putArray("data");
        for (AnomalyMark mark : marks) {
            String colour = colour(mark.severity());
            ArrayNode window = areas.addArray();
            ObjectNode start = window.addObject().put("name", ANOMALY_PREFIX + mark.id())
                    .put("xAxis", mark.from().toEpochMilli());
            start.putObject("itemStyle").put("color", colour).put("opacity", 0.18);
            window.addObject().put("xAxis", mark.to().toEpochMilli());
            ObjectNode point = pins.addObject().put("name", ANOMALY_PREFIX + mark.id())
                    .put("value", Math.round(mark.score()));
            point.putArray("coord").add(mark.from().toEpochMilli()).add(top);
            point.putObject("itemStyle").put("color", colour);
        }
        return overlay;
    }

    private static String colour(String severity) {
        return switch (severity) {
            case "high" -> "#d32f2f";
            case "medium" -> "#f5a623";
            default -> "#8c9bab";
        };
    }

    /** The highest point drawn: the tallest stack for bars, the highest value for lines. */
    private static double top(TimeSeries data, Style style) {
        double top = 0;
        for (int i = 0; i < data.starts().size(); i++) {
            double stack = 0;
            for (TimeSeries.Series s : data.series()) {
                double v = s.values()[i];
                if (!Double.isNaN(v)) {
                    stack = style == Style.LINES ? Math.max(stack, v) : stack + v;
                }
            }
            top = Math.max(top, stack);
        }
        return top == 0 ? 1 : top;
    }

    private static ObjectNode base(String id, boolean dark) {
        ObjectNode option = JSON.createObjectNode();
        // eleven charts drawn at once on a busy machine: animating them costs ~1 s of frames competing with the
        // next pushes (cards, overlays) for the CPU; the data is what matters
        option.put("animation", false);
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
