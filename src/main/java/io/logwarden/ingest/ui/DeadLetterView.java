package io.logwarden.ingest.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.ingest.DeadLetter;
import io.logwarden.ingest.DeadLetterPage;
import io.logwarden.ingest.DeadLetterService;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Browses dead letters by time range and reason: how many, and each one's reason, sender and original line. Every
 * value is shown as text (Vaadin escapes it), so a line full of markup is displayed, never rendered.
 */
@Route("admin/dead-letters")
@PageTitle("Dead letters · Logwarden")
@Menu(order = 9.2, icon = "vaadin:envelopes-o", title = "Dead letters")
@RolesAllowed(Roles.ADMIN)
class DeadLetterView extends Main {

    /** Quick ranges offered above the pickers. */
    enum Range {
        LAST_HOUR("Last hour", Duration.ofHours(1)),
        LAST_DAY("Last 24 hours", Duration.ofDays(1)),
        LAST_WEEK("Last 7 days", Duration.ofDays(7)),
        LAST_MONTH("Last 30 days", Duration.ofDays(30)),
        CUSTOM("Custom", null);

        final String label;
        final Duration length;

        Range(String label, Duration length) {
            this.label = label;
            this.length = length;
        }
    }

    private static final String ALL = "All reasons";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final DeadLetterService service;
    private final Select<Range> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final ComboBox<String> reason = new ComboBox<>("Reason");
    private final Span count = new Span();
    private final Grid<DeadLetter> grid = new Grid<>();
    private final Div details = new Div();
    private Map<String, Long> reasonCounts = Map.of();

    DeadLetterView(DeadLetterService service) {
        this.service = service;
        addClassName("dead-letter-view");
        range.setLabel("Range");
        range.setItems(Range.values());
        range.setItemLabelGenerator(r -> r.label);
        range.setId("dead-letter-range");
        range.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != Range.CUSTOM) {
                applyRange(e.getValue());
                load();
            }
        });
        from.setId("dead-letter-from");
        to.setId("dead-letter-to");
        from.addValueChangeListener(e -> custom(e.isFromClient()));
        to.addValueChangeListener(e -> custom(e.isFromClient()));
        reason.setId("dead-letter-reason");
        reason.setItemLabelGenerator(r -> ALL.equals(r) ? ALL : r + " (" + reasonCounts.getOrDefault(r, 0L) + ")");
        reason.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                load();
            }
        });
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.setId("dead-letter-refresh");
        HorizontalLayout filters = new HorizontalLayout(range, from, to, reason, refresh);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        count.setId("dead-letter-count");
        count.addClassName("summary-value");

        grid.setId("dead-letter-grid");
        grid.addColumn(d -> d.receivedAt() == null ? "" : TIME.format(d.receivedAt())).setHeader("Received (UTC)")
                .setAutoWidth(true);
        grid.addColumn(DeadLetter::reason).setHeader("Reason").setAutoWidth(true);
        grid.addColumn(d -> d.input() + (d.sender() == null ? "" : " " + d.sender())).setHeader("From")
                .setAutoWidth(true);
        grid.addColumn(DeadLetter::detail).setHeader("Detail").setFlexGrow(2);
        grid.addColumn(DeadLetterView::preview).setHeader("Original").setFlexGrow(3);
        grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        details.setId("dead-letter-details");
        details.addClassName("dead-letter-details");

        add(new H2("Dead letters"), filters, count, grid, details);
        range.setValue(Range.LAST_DAY);
        applyRange(Range.LAST_DAY);
        load();
    }

    private void applyRange(Range r) {
        Instant now = Instant.now();
        to.setValue(LocalDateTime.ofInstant(now.plusSeconds(60), ZoneOffset.UTC));
        from.setValue(LocalDateTime.ofInstant(now.minus(r.length), ZoneOffset.UTC));
    }

    private void custom(boolean fromClient) {
        if (fromClient) {
            range.setValue(Range.CUSTOM);
            load();
        }
    }

    private void load() {
        if (from.getValue() == null || to.getValue() == null || !from.getValue().isBefore(to.getValue())) {
            count.setText("Choose a start before the end");
            grid.setItems(List.of());
            return;
        }
        Instant start = from.getValue().toInstant(ZoneOffset.UTC);
        Instant end = to.getValue().toInstant(ZoneOffset.UTC);
        String chosen = reason.getValue() == null || ALL.equals(reason.getValue()) ? null : reason.getValue();
        DeadLetterPage first;
        try {
            first = service.find(start, end, chosen, 0, 1);
        } catch (RuntimeException e) {
            Notification.show("Cannot read dead letters: " + e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
            return;
        }
        reasonCounts = first.reasons();
        List<String> options = new ArrayList<>();
        options.add(ALL);
        options.addAll(reasonCounts.keySet());
        if (chosen != null && !options.contains(chosen)) {
            options.add(chosen);
        }
        reason.setItems(options);
        reason.setValue(chosen == null ? ALL : chosen);
        long total = first.total();
        count.setText(String.format(java.util.Locale.ENGLISH, "%,d dead letter%s", total, total == 1 ? "" : "s")
                + (total > 10_000 ? " (the first 10,000 can be listed; narrow the range)" : ""));
        count.getElement().setAttribute("data-count", Long.toString(total));
        int listable = (int) Math.min(total, 10_000);
        grid.setItems(query -> service.find(start, end, chosen, query.getOffset(), query.getLimit()).letters().stream(),
                query -> listable);
        show(null);
    }

    private void show(DeadLetter letter) {
        details.removeAll();
        if (letter == null) {
            return;
        }
        details.add(new H4("Original line"));
        Span about = new Span(letter.originalLength() + " bytes"
                + (letter.truncated() ? ", only the beginning kept" : "")
                + (letter.base64() ? "; not valid UTF-8, shown as base64" : ""));
        about.addClassName("summary-change");
        Pre original = new Pre();
        original.setText(letter.original());
        original.setId("dead-letter-original");
        details.add(about, original);
        if (letter.document() != null) {
            Pre document = new Pre();
            document.setText(letter.document());
            details.add(new H4("Document refused by Elasticsearch (for " + letter.targetIndex() + ")"), document);
        }
    }

    private static String preview(DeadLetter letter) {
        String text = letter.base64() ? "[base64] " + letter.original() : letter.original();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
