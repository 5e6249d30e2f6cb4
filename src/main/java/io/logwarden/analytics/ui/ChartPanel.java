package io.logwarden.analytics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import io.logwarden.analytics.AnomalyMark;
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.Csv;
import io.logwarden.analytics.Lucene;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.base.ui.EChart;
import io.logwarden.base.ui.SearchLink;
import io.logwarden.base.ui.ThemeState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One chart of a dashboard: title, the ECharts chart, a CSV download of its data, click-through to Search (and to
 * an anomaly from its overlay), and a message in place of the chart when its data could not be loaded. Restyles
 * itself when the user switches between light and dark. Must be used with the UI locked.
 */
final class ChartPanel<T> extends Div {

    private final String chartId;
    private final Renderer<T> renderer;
    private final EChart chart = new EChart();
    private final Span empty = new Span("No events in this range.");
    private final Span failure = new Span();
    private T data;
    private TimeRange range;
    private List<AnomalyMark> marks = List.of();
    private Registration themeListener;

    interface Renderer<T> {
        String option(String id, T data, boolean dark, List<AnomalyMark> marks);

        String csv(T data);

        Optional<SearchLink> clicked(T data, TimeRange range, String name, String seriesName, String value);

        boolean isEmpty(T data);
    }

    ChartPanel(String chartId, String title, Renderer<T> renderer) {
        this.chartId = chartId;
        this.renderer = renderer;
        addClassName("chart-panel");
        chart.setId(chartId);
        chart.setHeight("300px");
        Anchor csv = new Anchor(DownloadHandler.fromInputStream(event -> {
            if (!mayDownload()) {
                return DownloadResponse.error(403, "Downloading chart data needs the export permission");
            }
            T shown = data;
            byte[] bytes = shown == null ? new byte[0] : renderer.csv(shown).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), chartId + ".csv", "text/csv", bytes.length);
        }), "CSV");
        csv.setId(chartId + "-csv");
        csv.getElement().setAttribute("download", true);
        csv.getElement().setAttribute("title", "Download the chart's data as CSV");
        csv.addClassName("chart-csv");
        csv.setVisible(mayDownload());
        Div header = new Div(new H3(title), csv);
        header.addClassName("chart-header");
        empty.addClassName("chart-empty");
        empty.setVisible(false);
        failure.addClassName("chart-failure");
        failure.setId(chartId + "-failure");
        failure.setVisible(false);
        chart.getElement().addEventListener("chart-click", e -> {
            var detail = e.getEventData();
            onClick(text(detail.get("event.detail.name")), text(detail.get("event.detail.seriesName")),
                    text(detail.get("event.detail.value")));
        }).addEventData("event.detail.name").addEventData("event.detail.seriesName").addEventData("event.detail.value");
        add(header, chart, empty, failure);
    }

    /**
     * Chart data leaves the platform as a file only for the roles with the export permission (ADMIN, COMPLIANCE:
     * the same roles as {@code ExportService.EXPORTERS}); checked when the link is shown and again on download.
     */
    static boolean mayDownload() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .map(org.springframework.security.core.GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals("ROLE_" + io.logwarden.security.Roles.ADMIN)
                        || a.equals("ROLE_" + io.logwarden.security.Roles.COMPLIANCE));
    }

    void show(TimeRange shownRange, T shown) {
        this.range = shownRange;
        this.data = shown;
        failure.setVisible(false);
        chart.setVisible(true);
        empty.setVisible(renderer.isEmpty(shown));
        render();
    }

    /** Anomalies to draw over the chart (time series only); shown with the current data, and kept for the next. */
    void showMarks(List<AnomalyMark> anomalies) {
        this.marks = List.copyOf(anomalies);
        if (data != null) {
            render();
        }
    }

    /** Shows {@code message} instead of the chart; the CSV download then gives nothing. */
    void showFailure(String message) {
        this.data = null;
        empty.setVisible(false);
        chart.setVisible(false);
        failure.setText(message);
        failure.setVisible(true);
    }

    T data() {
        return data;
    }

    private void render() {
        chart.setOption(renderer.option(chartId, data, ThemeState.isDark(), marks));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        themeListener = ThemeState.addListener(attachEvent.getUI(), dark -> {
            if (data != null) {
                chart.setOption(renderer.option(chartId, data, dark, marks));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (themeListener != null) {
            themeListener.remove();
            themeListener = null;
        }
    }

    private void onClick(String name, String seriesName, String value) {
        if (name.startsWith(ChartOptions.ANOMALY_PREFIX)) {
            String id = name.substring(ChartOptions.ANOMALY_PREFIX.length());
            marks.stream().filter(m -> m.id().equals(id)).findFirst()
                    .ifPresent(m -> getUI().ifPresent(ui -> ui.navigate(m.link())));
            return;
        }
        if (data == null || range == null || ChartOptions.ANOMALIES.equals(seriesName)) {
            return;
        }
        renderer.clicked(data, range, name, seriesName, value)
                .ifPresent(link -> getUI().ifPresent(ui -> ui.navigate(SearchLink.SEARCH_ROUTE, link.parameters())));
    }

    private static String text(Object node) {
        if (node == null) {
            return "";
        }
        String s = node.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                ? s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : s;
    }

    /**
     * Time-series renderer: a click on a bucket (a bar, a point, or anywhere along a line) searches that series in
     * that bucket's time range.
     */
    static Renderer<TimeSeries> timeSeries(ChartOptions.Style style) {
        return new Renderer<>() {
            @Override
            public String option(String id, TimeSeries data, boolean dark, List<AnomalyMark> marks) {
                return ChartOptions.timeSeries(id, data, style, dark, marks);
            }

            @Override
            public String csv(TimeSeries data) {
                return Csv.of(data);
            }

            @Override
            public Optional<SearchLink> clicked(TimeSeries data, TimeRange range, String name, String seriesName,
                                                String value) {
                Optional<Instant> start = clickedTime(value).flatMap(t -> bucketOf(data, t));
                if (start.isEmpty()) {
                    return Optional.empty();
                }
                String filter = data.series().stream().filter(s -> s.name().equals(seriesName))
                        .map(TimeSeries.Series::filter).findFirst().orElse("");
                return Optional.of(new SearchLink(Lucene.and(range.query(), filter), start.get(),
                        start.get().plus(data.interval())));
            }

            @Override
            public boolean isEmpty(TimeSeries data) {
                return data.series().isEmpty() || data.total() == 0 && !"%".equals(data.unit());
            }
        };
    }

    /** Breakdown renderer: a click on a bar or slice searches that value over the whole range. */
    static Renderer<Breakdown> breakdown(ChartOptions.Style style) {
        return new Renderer<>() {
            @Override
            public String option(String id, Breakdown data, boolean dark, List<AnomalyMark> marks) {
                return ChartOptions.breakdown(id, data, style, dark);
            }

            @Override
            public String csv(Breakdown data) {
                return Csv.of(data);
            }

            @Override
            public Optional<SearchLink> clicked(Breakdown data, TimeRange range, String name, String seriesName,
                                                String value) {
                return data.entries().stream().filter(e -> e.key().equals(name) && !e.filter().isBlank())
                        .findFirst()
                        .map(e -> new SearchLink(Lucene.and(range.query(), e.filter()), range.from(), range.to()));
            }

            @Override
            public boolean isEmpty(Breakdown data) {
                return data.entries().isEmpty();
            }
        };
    }

    /** The start of the bucket that holds {@code time}, if the chart has one. */
    static Optional<Instant> bucketOf(TimeSeries data, Instant time) {
        for (Instant start : data.starts()) {
            if (!time.isBefore(start) && time.isBefore(start.plus(data.interval()))) {
                return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    /** The x value (epoch milliseconds) of a click on a time series, given as JSON {@code [epochMillis, value]}. */
    static Optional<Instant> clickedTime(String valueJson) {
        if (valueJson == null) {
            return Optional.empty();
        }
        String text = valueJson.replace("\\\"", "\"").strip();
        if (text.startsWith("\"")) {
            text = text.substring(1);
        }
        if (!text.startsWith("[")) {
            return Optional.empty();
        }
        int end = text.indexOf(',');
        try {
            return Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(
                    text.substring(1, end < 0 ? text.indexOf(']') : end).strip())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
