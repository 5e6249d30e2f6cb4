package io.logwarden.analytics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import io.logwarden.analytics.DurationGroup;
import io.logwarden.analytics.Split;
import io.logwarden.analytics.SummaryCard;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TopField;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Overview dashboard: 24 h summary cards and the analytics charts for a chosen range and query, refreshed
 * automatically at a chosen interval through Vaadin Push.
 */
@Route("dashboards")
@RouteAlias("")
@PageTitle("Dashboards · Logwarden")
@Menu(order = 2, icon = "vaadin:chart", title = "Dashboards")
@PermitAll
class DashboardView extends Main implements BeforeEnterObserver {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardView.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AnalyticsService analytics;
    private final DashboardRefresher refresher;
    private final Select<RangeChoice> rangeChoice = new Select<>();
    private final TextField query = new TextField();
    private final Select<RefreshChoice> refreshChoice = new Select<>();
    private final Span updated = new Span();
    private final SummaryCards cards = new SummaryCards();
    private final List<ChartPanel<?>> panels = new ArrayList<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private SecurityContext securityContext;
    private ScheduledFuture<?> schedule;
    private boolean loading;

    DashboardView(AnalyticsService analytics, DashboardRefresher refresher) {
        this.analytics = analytics;
        this.refresher = refresher;
        addClassName("dashboard-view");
        Div grid = new Div();
        grid.addClassName("chart-grid");
        grid.add(panel("events-per-hour-chart", "Events over time by level", r -> analytics.volumeOverTime(r, Split.LEVEL),
                ChartPanel.timeSeries(ChartOptions.Style.STACKED_BARS)));
        grid.add(panel("volume-by-service-chart", "Events by service",
                r -> analytics.volumeOverTime(r, Split.SERVICE), ChartPanel.timeSeries(ChartOptions.Style.STACKED_BARS)));
        grid.add(panel("volume-by-source-chart", "Events by source (user, system, integration, scheduled)",
                r -> analytics.volumeOverTime(r, Split.SOURCE), ChartPanel.timeSeries(ChartOptions.Style.STACKED_BARS)));
        grid.add(panel("error-rate-chart", "Error rate per service (%)", analytics::errorRateOverTime,
                ChartPanel.timeSeries(ChartOptions.Style.LINES)));
        grid.add(panel("duration-chart", "Duration p50 / p95 / p99 of the top actions (ms)",
                r -> analytics.durationPercentiles(r, DurationGroup.ACTION, 3),
                ChartPanel.timeSeries(ChartOptions.Style.LINES)));
        grid.add(panel("top-actions-chart", TopField.ACTIONS.title(), r -> analytics.top(r, TopField.ACTIONS, 10),
                ChartPanel.breakdown(ChartOptions.Style.BARS)));
        grid.add(panel("top-error-types-chart", TopField.ERROR_TYPES.title(),
                r -> analytics.top(r, TopField.ERROR_TYPES, 10), ChartPanel.breakdown(ChartOptions.Style.BARS)));
        grid.add(panel("top-users-chart", TopField.USERS.title(), r -> analytics.top(r, TopField.USERS, 10),
                ChartPanel.breakdown(ChartOptions.Style.BARS)));
        grid.add(panel("top-entities-chart", TopField.ENTITIES.title(), r -> analytics.top(r, TopField.ENTITIES, 10),
                ChartPanel.breakdown(ChartOptions.Style.BARS)));
        grid.add(panel("audit-status-chart", "Audit status", r -> analytics.top(r, TopField.AUDIT_STATUS, 10),
                ChartPanel.breakdown(ChartOptions.Style.PIE)));
        grid.add(panel("user-vs-system-chart", TopField.SOURCE.title(), r -> analytics.top(r, TopField.SOURCE, 10),
                ChartPanel.breakdown(ChartOptions.Style.PIE)));
        add(new H2("Overview"), toolbar(), cards, grid);
    }

    /**
     * {@code dashboards?range=7d&q=service.name:shop&refresh=30s} opens the dashboard on that range and query, with
     * that auto-refresh interval (10s, 30s, 1m, 5m or off).
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        loading = true;
        try {
            parameters.getOrDefault("range", List.of()).stream().findFirst().flatMap(RangeChoice::parse)
                    .ifPresent(rangeChoice::setValue);
            parameters.getOrDefault("q", List.of()).stream().findFirst().ifPresent(query::setValue);
            parameters.getOrDefault("refresh", List.of()).stream().findFirst().flatMap(RefreshChoice::parse)
                    .ifPresent(refreshChoice::setValue);
        } finally {
            loading = false;
        }
        reloadNow();
    }

    private <T> ChartPanel<T> panel(String id, String title, java.util.function.Function<TimeRange, T> loader,
                                    ChartPanel.Renderer<T> renderer) {
        ChartPanel<T> panel = new ChartPanel<>(id, title, loader, renderer);
        panels.add(panel);
        return panel;
    }

    private HorizontalLayout toolbar() {
        rangeChoice.setLabel("Range");
        rangeChoice.setItems(RangeChoice.values());
        rangeChoice.setItemLabelGenerator(RangeChoice::label);
        rangeChoice.setValue(RangeChoice.LAST_24H);
        rangeChoice.setId("dashboard-range");
        rangeChoice.addValueChangeListener(e -> reloadNow());
        query.setLabel("Query");
        query.setPlaceholder("Lucene query, e.g. service.name:shop");
        query.setClearButtonVisible(true);
        query.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        query.setWidth("24rem");
        query.setId("dashboard-query");
        query.addValueChangeListener(e -> reloadNow());
        refreshChoice.setLabel("Auto-refresh");
        refreshChoice.setItems(RefreshChoice.values());
        refreshChoice.setItemLabelGenerator(RefreshChoice::label);
        refreshChoice.setValue(RefreshChoice.OFF);
        refreshChoice.setId("dashboard-refresh");
        refreshChoice.addValueChangeListener(e -> reschedule());
        Button refresh = new Button(VaadinIcon.REFRESH.create(), e -> reloadNow());
        refresh.setAriaLabel("Refresh now");
        refresh.setTooltipText("Refresh now");
        Button theme = new Button("Dark / light", VaadinIcon.ADJUST.create(), e -> toggleTheme());
        theme.setId("theme-toggle");
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        updated.addClassName("dashboard-updated");
        HorizontalLayout toolbar = new HorizontalLayout(rangeChoice, query, refreshChoice, refresh, theme, updated);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.addClassName("dashboard-toolbar");
        toolbar.setWrap(true);
        return toolbar;
    }

    private TimeRange currentRange(Instant now) {
        return TimeRange.last(rangeChoice.getValue().length(), now, query.getValue());
    }

    /** Loads and shows everything now, on the UI thread (user actions and first display). */
    private void reloadNow() {
        if (loading) {
            return;
        }
        Instant now = Instant.now();
        try {
            apply(load(now), now, ThemeState.isDark());
        } catch (RuntimeException e) {
            showFailure(e);
        }
    }

    /** Runs the charts' queries concurrently (on virtual threads, as the current user) and waits for all. */
    private Loaded load(Instant now) {
        TimeRange range = currentRange(now);
        try (ExecutorService pool = new DelegatingSecurityContextExecutorService(
                Executors.newVirtualThreadPerTaskExecutor(), SecurityContextHolder.getContext())) {
            Future<List<SummaryCard>> summary = pool.submit(() -> analytics.summary24h(now, range.query()));
            List<Future<?>> charts = new ArrayList<>();
            for (ChartPanel<?> panel : panels) {
                charts.add(pool.submit(() -> panel.load(range)));
            }
            List<Object> data = new ArrayList<>();
            for (Future<?> chart : charts) {
                data.add(chart.get());
            }
            return new Loaded(range, summary.get(), data);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the dashboard", e);
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(Loaded loaded, Instant now, boolean dark) {
        cards.show(loaded.cards(), now, loaded.range().query());
        for (int i = 0; i < panels.size(); i++) {
            ((ChartPanel<Object>) panels.get(i)).show(loaded.range(), loaded.data().get(i), dark);
        }
        updated.setText("Updated " + CLOCK.format(now) + " UTC");
        updated.getElement().setAttribute("data-updated", String.valueOf(now.toEpochMilli()));
    }

    private void showFailure(RuntimeException e) {
        LOG.warn("Dashboard query failed: {}", e.getMessage());
        updated.setText("Could not load the dashboard: " + e.getMessage());
    }

    private void toggleTheme() {
        boolean dark = ThemeState.toggle(getUI().orElseThrow());
        panels.forEach(p -> p.restyle(dark));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        securityContext = SecurityContextHolder.getContext();
        ThemeState.apply(attachEvent.getUI());
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
        SecurityContext context = securityContext;
        schedule = refresher.every(every, () -> refreshInBackground(ui, context));
    }

    private void cancelSchedule() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    /** Queries off the UI thread as the view's user, then pushes the result. */
    private void refreshInBackground(UI ui, SecurityContext context) {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        SecurityContextHolder.setContext(context);
        try {
            Instant now = Instant.now();
            Loaded loaded = load(now);
            ui.access(() -> apply(loaded, now, ThemeState.isDark()));
        } catch (UIDetachedException e) {
            cancelSchedule();
        } catch (RuntimeException e) {
            try {
                ui.access(() -> showFailure(e));
            } catch (UIDetachedException detached) {
                cancelSchedule();
            }
        } finally {
            SecurityContextHolder.clearContext();
            refreshing.set(false);
        }
    }

    private record Loaded(TimeRange range, List<SummaryCard> cards, List<Object> data) {
    }

    enum RangeChoice {
        LAST_1H("Last hour", Duration.ofHours(1)),
        LAST_6H("Last 6 hours", Duration.ofHours(6)),
        LAST_24H("Last 24 hours", Duration.ofHours(24)),
        LAST_7D("Last 7 days", Duration.ofDays(7)),
        LAST_30D("Last 30 days", Duration.ofDays(30));

        private final String label;
        private final Duration length;

        /** From a URL parameter such as {@code 7d} or {@code 1h}. */
        static java.util.Optional<RangeChoice> parse(String text) {
            for (RangeChoice choice : values()) {
                if (choice.name().substring("LAST_".length()).equalsIgnoreCase(text)) {
                    return java.util.Optional.of(choice);
                }
            }
            return java.util.Optional.empty();
        }

        RangeChoice(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        String label() {
            return label;
        }

        Duration length() {
            return length;
        }
    }

    enum RefreshChoice {
        OFF("Off", null),
        S10("Every 10 s", Duration.ofSeconds(10)),
        S30("Every 30 s", Duration.ofSeconds(30)),
        M1("Every minute", Duration.ofMinutes(1)),
        M5("Every 5 minutes", Duration.ofMinutes(5));

        private final String label;
        private final Duration interval;

        /** From a URL parameter: off, 10s, 30s, 1m or 5m. */
        static java.util.Optional<RefreshChoice> parse(String text) {
            for (RefreshChoice choice : values()) {
                String key = choice.interval == null ? "off" : choice.interval.toSeconds() % 60 == 0
                        ? choice.interval.toMinutes() + "m" : choice.interval.toSeconds() + "s";
                if (key.equalsIgnoreCase(text)) {
                    return java.util.Optional.of(choice);
                }
            }
            return java.util.Optional.empty();
        }

        RefreshChoice(String label, Duration interval) {
            this.label = label;
            this.interval = interval;
        }

        String label() {
            return label;
        }

        Duration interval() {
            return interval;
        }
    }
}
