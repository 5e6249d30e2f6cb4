package io.logwarden.anomaly.ui;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.Severity;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** ECharts options of the anomaly views: a score timeline by severity and the system score gauge. */
final class AnomalyChartOptions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AnomalyChartOptions() {
    }

    static String timeline(List<Anomaly> anomalies, Instant from, Instant to) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("tooltip").put("trigger", "item");
        option.putObject("legend").putArray("data").add("high").add("medium").add("low");
        option.putObject("grid").put("left", 48).put("right", 16).put("top", 32).put("bottom", 32);
        option.putObject("xAxis").put("type", "time").put("min", from.toEpochMilli()).put("max", to.toEpochMilli());
        option.putObject("yAxis").put("type", "value").put("min", 0).put("max", 100).put("name", "score");
        ArrayNode series = option.putArray("series");
        for (Severity severity : List.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            ObjectNode s = series.addObject();
            s.put("name", severity.name().toLowerCase()).put("type", "scatter").put("symbolSize", 10);
            s.putObject("itemStyle").put("color", switch (severity) {
                case HIGH -> "#d32f2f";
                case MEDIUM -> "#f5a623";
                case LOW -> "#8c9bab";
            });
            ArrayNode data = s.putArray("data");
            anomalies.stream().filter(a -> a.severity() == severity).forEach(a -> {
                ObjectNode point = data.addObject();
                // An ongoing silence or stuck run that began before the range shows at the range's start.
                Instant at = a.windowStart().isBefore(from) ? from : a.windowStart();
                point.putArray("value").add(at.toEpochMilli()).add(Math.round(a.score()));
                point.put("name", a.entity().label() + ": " + a.explanation());
            });
        }
        return JSON.writeValueAsString(option);
    }

    /** The system score gauge, its colour bands at the configured medium and high thresholds. */
    static String gauge(double score, double medium, double high) {
        ObjectNode option = JSON.createObjectNode();
        ObjectNode gauge = option.putArray("series").addObject();
        gauge.put("type", "gauge").put("min", 0).put("max", 100).put("radius", "95%");
        ArrayNode colors = gauge.putObject("axisLine").putObject("lineStyle").put("width", 12).putArray("color");
        colors.addArray().add(medium / 100).add("#8c9bab");
        colors.addArray().add(high / 100).add("#f5a623");
        colors.addArray().add(1).add("#d32f2f");
        gauge.putObject("detail").put("formatter", "{value}").put("fontSize", 20);
        gauge.putArray("data").addObject().put("value", Math.round(score)).put("name", "anomaly");
        return JSON.writeValueAsString(option);
    }
}
