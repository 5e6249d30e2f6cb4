package io.logwarden.analytics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.logwarden.analytics.AnalyticsService;
import io.logwarden.analytics.AnomalyMark;
import io.logwarden.analytics.DashboardAnomalies;
import io.logwarden.analytics.Overview;
import io.logwarden.analytics.TimeRange;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Overview dashboard: 24 h summary cards, the system anomaly score and the analytics charts for a chosen range and
 * query, refreshed automatically at a chosen interval. The page opens at once; the charts (one Elasticsearch search
 * for all of them), the cards and the anomalies load in the background and each part is pushed (Vaadin Push) as it
 * arrives, or replaced by a message when it failed.
 */
@Route("dashboards")
@RouteAlias("")
@PageTitle("Dashboards · Logwarden")
@Menu(order = 2, icon = "vaadin:chart", title = "Dashboards")
@PermitAll
class DashboardView extends Main implements BeforeEnterObserver {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AnalyticsService analytics;
    private final DashboardAnomalies anomalies;
    private final DashboardRefresher refresher;
    private final OverviewCharts charts = new OverviewCharts();
    private final Select<RangeChoice> rangeChoice = new Select<>();
    private final TextField query = new TextField();
    private final Select<RefreshChoice> refreshChoice = new Select<>();
    private final Span updated = new Span();
    private final SummaryCards cards = new SummaryCards();
    private final AnomalyScoreCard anomalyScore = new AnomalyScoreCard();
    private final BackgroundLoad background = new BackgroundLoad();
    /** What the scheduled refresh reads off the UI thread: written only on the UI thread. */
    private volatile RangeChoice shownRange = RangeChoice.LAST_24H;
    private volatile String shownQuery = "";
    private volatile SecurityContext user;
    /** Bumped by every load; results of an older load are dropped. */
    private final AtomicInteger generation = new AtomicInteger();
    private Overview overview;
    private List<AnomalyMark> marks;
    private int marksGeneration;
    private ScheduledFuture<?> schedule;
    private boolean settingUp;

    DashboardView(AnalyticsService analytics, DashboardAnomalies anomalies, DashboardRefresher refresher) {
        this.analytics = analytics;
        this.anomalies = anomalies;
        this.refresher = refresher;
        addClassName("dashboard-view");
        Div summary = new Div(cards, anomalyScore);
        summary.addClassName("summary-row");
        add(new H2("Overview"), toolbar(), summary, charts);
    }

    /**
     * {@code dashboards?range=7d&q=service.name:shop&refresh=30s} opens the dashboard on that range and query, with
     * that auto-refresh interval (10s, 30s, 1m, 5m or off).
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        settingUp = true;
        try {
            parameters.getOrDefault("range", List.of()).stream().findFirst().flatMap(RangeChoice::parse)
                    .ifPresent(rangeChoice::setValue);
            parameters.getOrDefault("q", List.of()).stream().findFirst().ifPresent(query::setValue);
            parameters.getOrDefault("refresh", List.of()).stream().findFirst().flatMap(RefreshChoice::parse)
                    .ifPresent(refreshChoice::setValue);
        } finally {
            settingUp = false;
        }
        user = SecurityContextHolder.getContext();
        reload(event.getUI());
    }

    private HorizontalLayout toolbar() {
        rangeChoice.setLabel("Range");
        rangeChoice.setItems(RangeChoice.values());
        rangeChoice.setItemLabelGenerator(RangeChoice::label);
        rangeChoice.setValue(RangeChoice.LAST_24H);
        rangeChoice.setId("dashboard-range");
        rangeChoice.addValueChangeListener(e -> reloadFromUser());
        query.setLabel("Query");
        query.setPlaceholder("Lucene query, e.g. service.name:shop");
        query.setClearButtonVisible(true);
        query.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        query.setWidth("24rem");
        query.setId("dashboard-query");
        query.addValueChangeListener(e -> reloadFromUser());
        refreshChoice.setLabel("Auto-refresh");
        refreshChoice.setItems(RefreshChoice.values());
        refreshChoice.setItemLabelGenerator(RefreshChoice::label);
        refreshChoice.setValue(RefreshChoice.OFF);
        refreshChoice.setId("dashboard-refresh");
        refreshChoice.addValueChangeListener(e -> reschedule());
        Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> reloadFromUser());
        refresh.setAriaLabel("Refresh now");
        refresh.setTooltipText("Refresh now");
        refresh.setId("dashboard-refresh-now");
        updated.addClassName("dashboard-updated");
        HorizontalLayout toolbar = new HorizontalLayout(rangeChoice, query, refreshChoice, refresh, updated);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.addClassName("dashboard-toolbar");
        toolbar.setWrap(true);
        return toolbar;
    }

    private void reloadFromUser() {
        if (!settingUp) {
            getUI().ifPresent(this::reload);
        }
    }

    /** On the UI thread: remembers what is shown and starts loading it. */
    private void reload(UI ui) {
        shownRange = rangeChoice.getValue();
        shownQuery = query.getValue();
        load(ui, user, Instant.now(), shownRange, shownQuery);
    }

    /**
     * Starts the four background loads (charts, cards, anomaly overlays, anomaly score); may run off the UI thread
     * (scheduled refresh): it touches no component, only {@link #apply} and friends do, inside {@code ui.access}.
     */
    private void load(UI ui, SecurityContext context, Instant now, RangeChoice choice, String text) {
        TimeRange range = TimeRange.rounded(choice.length(), now, text);
        int expected = generation.incrementAndGet();
        background.run(ui, context, () -> analytics.overview(range), o -> {
            if (expected == generation.get()) {
                showOverview(o, now);
            }
        }, e -> {
            if (expected == generation.get()) {
                charts.showFailure(ChartFailures.message(e));
                updated.setText("Could not load the charts at " + CLOCK.format(now) + " UTC");
            }
        });
        background.run(ui, context, () -> analytics.summary24h(now, text), c -> {
            if (expected == generation.get()) {
                cards.show(c, range.to(), text);
            }
        }, e -> {
            if (expected == generation.get()) {
                cards.showFailure(ChartFailures.message(e));
            }
        });
        // overlays are extras: when they fail, the charts simply have none (the failure is logged)
        background.run(ui, context, () -> anomalies.marks(range), m -> {
            if (expected == generation.get()) {
                marks = m;
                marksGeneration = expected;
                showMarks();
            }
        }, ChartFailures::message);
        background.run(ui, context, anomalies::systemScore, s -> anomalyScore.show(s, anomalies.bands()),
                e -> anomalyScore.showFailure(ChartFailures.message(e)));
    }

    private void showOverview(Overview loaded, Instant now) {
        overview = loaded;
        charts.show(loaded);
        showMarks();
        updated.setText("Updated " + CLOCK.format(now) + " UTC");
        updated.getElement().setAttribute("data-updated", String.valueOf(now.toEpochMilli()));
    }

    private void showMarks() {
        if (overview != null && marks != null && marksGeneration == generation.get()) {
            charts.showMarks(overview, marks);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (user == null) {
            user = SecurityContextHolder.getContext();
        }
        reschedule();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        cancelSchedule();
    }

    private void reschedule() {
        cancelSchedule();
        Duration every = refreshChoice.getValue().interval();
        UI ui = getUI().orElse(null);
        if (every == null || ui == null) {
            return;
        }
        SecurityContext context = user;
        schedule = refresher.every(every, () -> {
            if (!background.busy()) {
                load(ui, context, Instant.now(), shownRange, shownQuery);
            }
        });
    }

    private void cancelSchedule() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }
}
