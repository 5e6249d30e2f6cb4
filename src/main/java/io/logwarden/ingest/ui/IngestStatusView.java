package io.logwarden.ingest.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import io.logwarden.base.ui.ByteSize;
import io.logwarden.ingest.IngestStatus;
import io.logwarden.ingest.IngestStatusService;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Live ingest status: counts, journal size and lag, bulk latency, last event, rejections by reason. */
@Route("admin/ingest")
@PageTitle("Ingest · Logwarden")
@Menu(order = 9.1, icon = "vaadin:input", title = "Ingest")
@RolesAllowed(Roles.ADMIN)
class IngestStatusView extends Main {

    static final int POLL_MILLIS = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final IngestStatusService service;
    private final Div counts = cards("ingest-counts");
    private final Div journal = cards("ingest-journal");
    private final ProgressBar journalFill = new ProgressBar(0, 1);
    private final Span shipper = new Span();
    private final Span updated = new Span();
    private final Grid<Map.Entry<String, Long>> rejected = reasons("ingest-rejected", "Input line rejected as");
    private final Grid<Map.Entry<String, Long>> refused = reasons("ingest-refused", "Event refused by Elasticsearch as");
    private Registration poll;

    IngestStatusView(IngestStatusService service) {
        this.service = service;
        addClassName("ingest-status-view");
        shipper.setId("ingest-shipper");
        updated.setId("ingest-updated");
        updated.addClassName("dashboard-updated");
        journalFill.setId("ingest-journal-fill");
        add(new H2("Ingest"), updated, shipper, new H3("Since start"), counts, new H3("Journal and shipping"),
                journal, journalFill, new H3("Rejected input lines"), rejected, new H3("Refused events"), refused,
                new RouterLink("Browse dead letters", DeadLetterView.class));
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MILLIS);
        poll = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    private void refresh() {
        IngestStatus s = service.current();
        counts.removeAll();
        counts.add(card("received", "Received lines", number(s.received())),
                card("journaled", "Journaled events", number(s.journaled())),
                card("indexed", "Indexed events", number(s.indexed())),
                card("deadlettered", "Dead-lettered",
                        number(s.deadLetteredLines() + s.deadLetteredEvents() + s.unreadableRecords()),
                        number(s.deadLetteredLines()) + " lines, " + number(s.deadLetteredEvents()) + " events"),
                card("rejected", "Rejected lines", number(s.rejected())),
                card("refused", "Refused events", number(s.refused())),
                card("dropped", "Dropped lines", number(s.dropped())),
                card("last-event", "Last event received", s.lastEventReceived() == null ? "none since start"
                        : ago(s.lastEventReceived()), s.lastEventReceived() == null ? ""
                        : TIME.format(s.lastEventReceived())));
        journal.removeAll();
        journal.add(card("journal-size", "Journal size", bytes(s.journalBytes()), "of " + bytes(s.journalMaxBytes())),
                card("journal-lag", "Journal lag", bytes(s.journalLagBytes()),
                        "≈ " + number(s.journalLagRecords()) + " records not yet in Elasticsearch"),
                card("bulk-latency", "Bulk latency", String.format(Locale.ENGLISH, "%.0f ms", s.bulkLatencyMeanMillis()),
                        String.format(Locale.ENGLISH, "mean of %s requests, max %.0f ms", number(s.bulkRequests()),
                                s.bulkLatencyMaxMillis())),
                card("bulk-retries", "Bulk retries", number(s.bulkRetries())),
                card("journal-full", "Journal full", number(s.journalFullEvents()), "inputs paused or refused"),
                card("tcp-connections", "TCP connections", number(s.tcpConnections())),
                card("corrupt", "Corrupt records", number(s.corruptRecords() + s.unreadableRecords())));
        journalFill.setValue(s.journalMaxBytes() == 0 ? 0 : Math.min(1, (double) s.journalBytes() / s.journalMaxBytes()));
        shipper.setText(s.shipperError() == null ? "Shipping to Elasticsearch: OK"
                : "Shipping paused, retrying: " + s.shipperError());
        shipper.getElement().getThemeList().clear();
        shipper.getElement().getThemeList().add("badge");
        shipper.getElement().getThemeList().add(s.shipperError() == null ? "success" : "error");
        rejected.setItems(List.copyOf(s.rejectedByReason().entrySet()));
        refused.setItems(List.copyOf(s.refusedByReason().entrySet()));
        updated.setText("Updated " + TIME.format(Instant.now()) + ", every " + POLL_MILLIS / 1000 + " s");
    }

    private static Div cards(String id) {
        Div div = new Div();
        div.setId(id);
        div.addClassName("summary-cards");
        return div;
    }

    private static Div card(String key, String label, String value) {
        return card(key, label, value, "");
    }

    private static Div card(String key, String label, String value, String note) {
        Span v = new Span(value);
        v.addClassName("summary-value");
        Span n = new Span(note);
        n.addClassName("summary-change");
        Div card = new Div(new Span(label), v, n);
        card.addClassName("summary-card");
        card.getElement().setAttribute("data-metric", key);
        return card;
    }

    private static Grid<Map.Entry<String, Long>> reasons(String id, String header) {
        Grid<Map.Entry<String, Long>> grid = new Grid<>();
        grid.setId(id);
        grid.addColumn(Map.Entry::getKey).setHeader(header).setFlexGrow(3);
        grid.addColumn(e -> number(e.getValue())).setHeader("Count");
        grid.setAllRowsVisible(true);
        return grid;
    }

    static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    static String ago(Instant when) {
        long seconds = Math.max(0, Duration.between(when, Instant.now()).toSeconds());
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min ago";
        }
        return seconds / 3600 + " h ago";
    }

    private static String bytes(long bytes) {
        return ByteSize.format(bytes);
    }
}
