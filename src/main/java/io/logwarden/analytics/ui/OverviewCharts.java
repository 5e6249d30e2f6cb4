package io.logwarden.analytics.ui;

import com.vaadin.flow.component.html.Div;
import io.logwarden.analytics.AnomalyMark;
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.DashboardAnomalies;
import io.logwarden.analytics.Overview;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.analytics.TopField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The grid of the overview dashboard's charts, filled from one {@link Overview}. */
final class OverviewCharts extends Div {

    private final List<Binding<?>> bindings = new ArrayList<>();
    private final ChartPanel<TimeSeries> byService;
    private final ChartPanel<TimeSeries> errorRate;
    private final ChartPanel<TimeSeries> durations;

    private record Binding<T>(ChartPanel<T> panel, Function<Overview, T> part) {
        void show(Overview overview) {
            panel.show(overview.range(), part.apply(overview));
        }
    }

    OverviewCharts() {
        addClassName("chart-grid");
        series("events-per-hour-chart", "Events over time by level", Overview::volumeByLevel,
                ChartOptions.Style.STACKED_BARS);
        byService = series("volume-by-service-chart", "Events by service", Overview::volumeByService,
                ChartOptions.Style.STACKED_BARS);
        series("volume-by-source-chart", "Events by source (user, system, integration, scheduled)",
                Overview::volumeBySource, ChartOptions.Style.STACKED_BARS);
        errorRate = series("error-rate-chart", "Error rate per service (%)", Overview::errorRate,
                ChartOptions.Style.LINES);
        durations = series("duration-chart", "Duration p50 / p95 / p99 of the top actions (ms)",
                Overview::durations, ChartOptions.Style.LINES);
        breakdown("top-actions-chart", TopField.ACTIONS.title(), Overview::topActions, ChartOptions.Style.BARS);
        breakdown("top-error-types-chart", TopField.ERROR_TYPES.title(), Overview::topErrorTypes,
                ChartOptions.Style.BARS);
        breakdown("top-users-chart", TopField.USERS.title(), Overview::topUsers, ChartOptions.Style.BARS);
        breakdown("top-entities-chart", TopField.ENTITIES.title(), Overview::topEntities, ChartOptions.Style.BARS);
        breakdown("audit-status-chart", TopField.AUDIT_STATUS.title(), Overview::auditStatus, ChartOptions.Style.PIE);
        breakdown("user-vs-system-chart", TopField.SOURCE.title(), Overview::userVsSystem, ChartOptions.Style.PIE);
    }

    void show(Overview overview) {
        bindings.forEach(b -> b.show(overview));
    }

    void showFailure(String message) {
        bindings.forEach(b -> b.panel().showFailure(message));
    }

    /**
     * Overlays the anomalies that concern what each chart shows: silences and unusual combinations of the services on
     * the volume chart, error-rate spikes of the services on the error-rate chart, slow actions on the duration chart.
     */
    void showMarks(Overview overview, List<AnomalyMark> marks) {
        byService.showMarks(DashboardAnomalies.concerning(marks, DashboardAnomalies.VOLUME_KINDS,
                names(overview.volumeByService(), "")));
        errorRate.showMarks(DashboardAnomalies.concerning(marks, DashboardAnomalies.ERROR_RATE_KINDS,
                names(overview.errorRate(), "")));
        durations.showMarks(DashboardAnomalies.concerning(marks, DashboardAnomalies.DURATION_KINDS,
                names(overview.durations(), " p")));
    }

    /** The names a chart's series stand for ("checkout p95" stands for checkout). */
    private static Set<String> names(TimeSeries series, String suffixStart) {
        Set<String> names = new HashSet<>();
        for (TimeSeries.Series s : series.series()) {
            int cut = suffixStart.isEmpty() ? -1 : s.name().lastIndexOf(suffixStart);
            names.add(cut < 0 ? s.name() : s.name().substring(0, cut));
        }
        return names;
    }

    private ChartPanel<TimeSeries> series(String id, String title, Function<Overview, TimeSeries> part,
                                          ChartOptions.Style style) {
        ChartPanel<TimeSeries> panel = new ChartPanel<>(id, title, ChartPanel.timeSeries(style));
        bindings.add(new Binding<>(panel, part));
        add(panel);
        return panel;
    }

    private void breakdown(String id, String title, Function<Overview, Breakdown> part, ChartOptions.Style style) {
        ChartPanel<Breakdown> panel = new ChartPanel<>(id, title, ChartPanel.breakdown(style));
        bindings.add(new Binding<>(panel, part));
        add(panel);
    }
}
