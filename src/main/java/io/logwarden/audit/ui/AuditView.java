package io.logwarden.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.audit.AuditService;
import io.logwarden.audit.ChainVerification;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** Browse Logwarden's own audit trail and verify its hash chain. All values are rendered as text. */
@Route("audit")
@PageTitle("Audit trail · Logwarden")
@Menu(order = 8.2, icon = "vaadin:clipboard-check", title = "Audit trail")
@RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
class AuditView extends Main {

    private final AuditService audit;
    private final TextField query = new TextField();
    private final Select<Duration> period = new Select<>();
    private final Grid<Map<String, Object>> grid = new Grid<>();
    private final Span total = new Span();
    private final Span verification = new Span();

    AuditView(AuditService audit) {
        this.audit = audit;
        setSizeFull();
        query.setPlaceholder("Lucene query, e.g. event.action:login.failure");
        query.setWidth("28em");
        query.addValueChangeListener(e -> search());
        period.setItems(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
        period.setItemLabelGenerator(d -> "last " + (d.toDays() > 0 ? d.toDays() + " d" : d.toHours() + " h"));
        period.setValue(Duration.ofDays(1));
        period.addValueChangeListener(e -> search());
        Button searchButton = new Button("Search", e -> search());
        searchButton.addThemeVariants(ButtonVariant.PRIMARY);

        grid.addColumn(r -> text(r, "@timestamp")).setHeader("Time").setAutoWidth(true);
        grid.addColumn(r -> text(r, "user.name")).setHeader("Actor");
        grid.addColumn(r -> text(r, "event.action")).setHeader("Action");
        grid.addColumn(r -> text(r, "event.outcome")).setHeader("Outcome");
        grid.addColumn(r -> text(r, "audit.entity.id")).setHeader("Target");
        grid.addColumn(r -> text(r, "source.ip")).setHeader("Address");
        grid.addColumn(r -> text(r, "details")).setHeader("Details").setFlexGrow(3);
        grid.addColumn(r -> text(r, "chain.sequence")).setHeader("#");

        DatePicker from = new DatePicker("From (UTC day)", LocalDate.now(ZoneOffset.UTC));
        DatePicker to = new DatePicker("To", LocalDate.now(ZoneOffset.UTC));
        Button verify = new Button("Verify chain", e -> verify(from.getValue(), to.getValue()));

        add(new H2("Audit trail"), new HorizontalLayout(query, period, searchButton), total, grid,
                new HorizontalLayout(from, to, verify), verification);
        search();
    }

    private void search() {
        try {
            Instant end = Instant.now().plusSeconds(1);
            AuditService.AuditPage page = audit.search(query.getValue(), end.minus(period.getValue()), end, 500);
            grid.setItems(page.records());
            total.setText(page.total() + " records" + (page.total() > 500 ? " (newest 500 shown)" : ""));
        } catch (IllegalArgumentException e) {
            Notification.show(String.valueOf(e.getMessage()), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
        }
    }

    private void verify(LocalDate from, LocalDate to) {
        try {
            ChainVerification result = audit.verify(from, to);
            verification.setText(result.intact()
                    ? "Chain intact: " + result.recordsChecked() + " records checked"
                    : "Chain BROKEN on " + result.firstBrokenLink().day() + " at record "
                    + result.firstBrokenLink().sequence() + ": " + result.firstBrokenLink().reason());
        } catch (IllegalArgumentException e) {
            verification.setText(e.getMessage());
        }
    }

    /** A dotted field of a nested record, as plain text. */
    static String text(Map<String, Object> record, String field) {
        Object value = record.get(field);
        if (value == null) {
            Object current = record;
            for (String part : field.split("\\.")) {
                current = current instanceof Map<?, ?> map ? map.get(part) : null;
            }
            value = current;
        }
        return value == null ? "" : value.toString();
    }
}
