package io.logwarden.analytics.ui;

import io.logwarden.base.ui.SearchLink;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.Csv;
import io.logwarden.analytics.Lucene;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.base.ui.EChart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One chart of a dashboard: title, the ECharts chart, a CSV download of its data, and click-through to Search.
 * Loading ({@link #load}) may run off the UI thread; {@link #show} must run with the UI locked.
 */
final class ChartPanel<T> extends Div {

    private final String chartId;
    private final Function<TimeRange, T> loader;
    private final Renderer<T> renderer;
    private final EChart chart = new EChart();
    private final Span empty = new Span("No events in this range.");
    private volatile T data;
    private volatile TimeRange range;

    interface Renderer<T> {
        String option(String id, T data, boolean dark);

        String csv(T data);

        Optional<SearchLink> clicked(T data, TimeRange range, String name, String seriesName, String value);

        boolean isEmpty(T data);
    }

    ChartPanel(String chartId, String title, Function<TimeRange, T> loader, Renderer<T> renderer) {
        this.chartId = chartId;
        this.loader = loader;
        this.renderer = renderer;
        addClassName("chart-panel");
        chart.setId(chartId);
        chart.setHeight("300px");
        Anchor csv = new Anchor(DownloadHandler.fromInputStream(event -> {
            if (!mayDownload()) {
                return DownloadResponse.error(403, "Downloading chart data needs the export permission");
            }
            byte[] bytes = data == null ? new byte[0] : renderer.csv(data).getBytes(StandardCharsets.UTF_8);
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
        chart.getElement().addEventListener("chart-click", e -> {
            var detail = e.getEventData();
            onClick(text(detail.get("event.detail.name")), text(detail.get("event.detail.seriesName")),
                    text(detail.get("event.detail.value")));
        }).addEventData("event.detail.name").addEventData("event.detail.seriesName").addEventData("event.detail.value");
        add(header, chart, empty);
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

    String chartId() {
        return chartId;
    }

    T load(TimeRange range) {
        return loader.apply(range);
    }

    void show(TimeRange shownRange, T shown, boolean dark) {
        this.range = shownRange;
        this.data = shown;
        empty.setVisible(renderer.isEmpty(shown));
        chart.setOption(renderer.option(chartId, shown, dark));
    }

    void restyle(boolean dark) {
        if (data != null) {
            chart.setOption(renderer.option(chartId, data, dark));
        }
    }

    private void onClick(String name, String seriesName, String value) {
        if (data == null || range == null) {
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

    /** Time-series renderer: a click on a bucket searches that series in that bucket's time range. */
    static Renderer<TimeSeries> timeSeries(ChartOptions.Style style) {
        return new Renderer<>() {
            @Override
            public String option(String id, TimeSeries data, boolean dark) {
                return ChartOptions.timeSeries(id, data, style, dark);
            }

            @Override
            public String csv(TimeSeries data) {
                return Csv.of(data);
            }

            @Override
            public Optional<SearchLink> clicked(TimeSeries data, TimeRange range, String name, String seriesName,
                                                String value) {
                Optional<Instant> start = bucketStart(value);
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
            public String option(String id, Breakdown data, boolean dark) {
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

    /** The bucket start from a clicked time-series point, given as JSON {@code [epochMillis, value]}. */
    static Optional<Instant> bucketStart(String valueJson) {
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
