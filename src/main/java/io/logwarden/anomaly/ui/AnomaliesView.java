package io.logwarden.anomaly.ui;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyService;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.Learning;
import io.logwarden.anomaly.SystemAnomalyScore;
import io.logwarden.base.ui.EChart;
import io.logwarden.base.ui.SearchLink;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Anomalies scored by the detectors, within the user's scope: system score, timeline by severity, and a list to
 * review. Review buttons show for roles that may review; the service checks again. {@code ?id=} (the link alerts
 * send) selects that anomaly, older than the range or not.
 */
@Route("anomalies")
@PageTitle("Anomalies · Logwarden")
@Menu(order = 3.5, icon = "vaadin:flash", title = "Anomalies")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.OPERATIONS, Roles.COMPLIANCE, Roles.VIEWER})
class AnomaliesView extends Main implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final int MAX = 500;

    private final AnomalyService anomalies;
    private final boolean mayReview;
    private final Span scoreValue = new Span();
    private final Span scoreSeverity = new Span();
    private final EChart gauge = new EChart();
    private final EChart timeline = new EChart();
    private final Grid<Anomaly> grid = new Grid<>();
    private final Select<Duration> range = new Select<>();
    private final Span focusMissing = new Span();
    private String focusId;

    AnomaliesView(AnomalyService anomalies) {
        this.anomalies = anomalies;
        this.mayReview = anomalies.mayReview();
        addClassName("anomalies-view");

        range.setLabel("Range");
        range.setItems(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30));
        range.setItemLabelGenerator(d -> d.toDays() >= 1 ? "Last " + d.toDays() + " days" : "Last 24 hours");
        range.setValue(Duration.ofHours(24));
        range.addValueChangeListener(e -> refresh());

        gauge.setId("anomaly-score-gauge");
        gauge.setWidth("260px");
        gauge.setHeight("200px");
        scoreValue.setId("system-anomaly-score");
        scoreValue.addClassName("summary-value");
        Div card = new Div(new Span("System anomaly score, last hour"), scoreValue, scoreSeverity);
        card.addClassName("summary-card");
        HorizontalLayout header = new HorizontalLayout(card, gauge, range);
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);

        timeline.setId("anomaly-timeline");
        configureGrid();
        focusMissing.setId("anomaly-focus-missing");
        focusMissing.setVisible(false);
        add(new H2("Anomalies"), header, focusMissing, new H3("Timeline"), timeline, new H3("Anomalies to review"),
                grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        focusId = event.getLocation().getQueryParameters().getSingleParameter("id").filter(id -> !id.isBlank())
                .orElse(null);
        refresh();
    }

    private void configureGrid() {
        grid.setId("anomaly-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(a -> TIME.format(a.windowStart())).setHeader("Window (UTC)").setAutoWidth(true);
        grid.addColumn(a -> a.kind().name().toLowerCase().replace('_', ' ')).setHeader("Detector").setAutoWidth(true);
        grid.addColumn(a -> a.entity().label()).setHeader("Entity").setAutoWidth(true);
        grid.addComponentColumn(this::scoreBadge).setHeader("Score").setAutoWidth(true);
        grid.addColumn(Anomaly::explanation).setHeader("Explanation").setFlexGrow(3);
        grid.addColumn(AnomaliesView::status).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(false);
        grid.setHeight("480px");
    }

    private Span scoreBadge(Anomaly anomaly) {
        Span badge = new Span(Math.round(anomaly.score()) + " " + anomaly.severity().name().toLowerCase());
        badge.getElement().getThemeList().add("badge " + switch (anomaly.severity()) {
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "contrast";
        });
        return badge;
    }

    private HorizontalLayout actions(Anomaly anomaly) {
        SearchLink link = new SearchLink(AnomalyQueries.eventsOf(anomaly.entity()),
                anomaly.windowStart().minus(Duration.ofMinutes(15)), anomaly.windowEnd().plus(Duration.ofMinutes(15)));
        Anchor events = new Anchor(link.url(), "Events");
        HorizontalLayout actions = new HorizontalLayout(events);
        actions.setAlignItems(HorizontalLayout.Alignment.CENTER);
        if (mayReview && anomaly.status() == AnomalyStatus.OPEN) {
            Button acknowledge = new Button("Acknowledge", e -> review(anomalies.acknowledge(anomaly.id()),
                    "Acknowledged"));
            Button falsePositive = new Button("False positive", e -> falsePositive(anomaly));
            acknowledge.addThemeVariants(ButtonVariant.LUMO_SMALL);
            falsePositive.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(acknowledge, falsePositive);
        }
        return actions;
    }

    /** Status and, for a false positive, what the detector made of it. */
    static String status(Anomaly a) {
        String status = a.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (a.learning()) {
            case PENDING -> status + " (detector learns it at its next run)";
            case LEARNED -> status + " (learned)";
            case NOT_LEARNED -> status + " (not learned: " + a.learningNote() + ")";
            case NONE -> status;
        };
    }

    private void falsePositive(Anomaly anomaly) {
        Optional<Anomaly> marked = anomalies.markFalsePositive(anomaly.id());
        review(marked.isPresent(), marked.isPresent() && marked.get().learning() == Learning.PENDING
                ? "Marked as false positive: the detector takes it in at its next run"
                : "Marked as false positive");
    }

    private void review(boolean done, String message) {
        Notification.show(done ? message : "That anomaly no longer exists", 3000, Notification.Position.BOTTOM_START);
        refresh();
    }

    private void refresh() {
        Instant to = Instant.now();
        Instant from = to.minus(range.getValue());
        List<Anomaly> found = new ArrayList<>(anomalies.list(from, to, 0, MAX));
        Optional<Anomaly> focus = focusId == null ? Optional.empty() : anomalies.find(focusId);
        focus.filter(a -> found.stream().noneMatch(f -> f.id().equals(a.id()))).ifPresent(a -> found.addFirst(a));
        grid.setItems(found);
        focusMissing.setVisible(focusId != null && focus.isEmpty());
        focusMissing.setText("The anomaly of the link does not exist or is outside your scope.");
        focus.ifPresent(a -> {
            Anomaly shown = found.stream().filter(f -> f.id().equals(a.id())).findFirst().orElseThrow();
            grid.select(shown);
            grid.scrollToIndex(found.indexOf(shown));
        });
        timeline.setOption(AnomalyChartOptions.timeline(found, from, to));
        SystemAnomalyScore system = anomalies.systemScore();
        scoreValue.setText(String.valueOf(Math.round(system.score())));
        scoreSeverity.removeAll();
        scoreSeverity.add(new Text(system.severity().name().toLowerCase() + ", " + system.anomalies() + " anomalies"));
        gauge.setOption(AnomalyChartOptions.gauge(system.score(), system.mediumThreshold(), system.highThreshold()));
    }
}
