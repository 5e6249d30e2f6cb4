package io.logwarden.retention.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.retention.RetentionDecision;
import io.logwarden.retention.RetentionPlan;
import io.logwarden.retention.RetentionService;
import io.logwarden.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Retention dry run for admins: which daily indices the next run deletes, keeps, or holds for a legal hold. "Apply"
 * deletes exactly the DELETE rows shown (checked again at that moment), audited with the admin's name.
 */
@Route("retention")
@PageTitle("Retention · Logwarden")
@Menu(order = 8, icon = "vaadin:trash", title = "Retention")
@RolesAllowed(Roles.ADMIN)
class RetentionView extends Main {

    private final RetentionService retention;
    private final Grid<RetentionDecision> grid = new Grid<>();
    private final Paragraph summary = new Paragraph();
    private final Button apply = new Button("Apply this preview");
    private RetentionPlan shown;

    RetentionView(RetentionService retention) {
        this.retention = retention;
        addClassName("retention-view");
        grid.addColumn(RetentionDecision::index).setHeader("Index").setAutoWidth(true);
        grid.addColumn(RetentionDecision::category).setHeader("Category").setAutoWidth(true);
        grid.addColumn(RetentionDecision::day).setHeader("Day").setAutoWidth(true);
        grid.addColumn(d -> String.format("%,d", d.documents())).setHeader("Documents").setAutoWidth(true);
        grid.addColumn(d -> String.format("%,.1f MB", d.sizeBytes() / 1e6)).setHeader("Size").setAutoWidth(true);
        grid.addColumn(RetentionDecision::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(RetentionDecision::reason).setHeader("Why");
        grid.setSizeFull();
        summary.setId("retention-summary");
        Button refresh = new Button("Refresh preview", e -> show(retention.preview()));
        apply.addThemeVariants(ButtonVariant.LUMO_ERROR);
        apply.addClickListener(e -> confirmApply());
        VerticalLayout layout = new VerticalLayout(new H2("Retention (dry run)"), summary,
                new HorizontalLayout(refresh, apply), grid);
        layout.setSizeFull();
        add(layout);
        setSizeFull();
        show(retention.preview());
    }

    private void show(RetentionPlan plan) {
        shown = plan;
        grid.setItems(plan.decisions());
        long deletions = plan.deletions().size();
        long held = plan.decisions().stream().filter(d -> d.action() == RetentionDecision.Action.HOLD).count();
        summary.setText((plan.applied() ? "Applied: deleted " : "The next run deletes ") + deletions
                + " daily indices; " + held + " are past retention but under legal hold."
                + (plan.skipped().isEmpty() ? "" : " Skipped (changed since the preview): "
                + String.join("; ", plan.skipped()))
                + (plan.failures().isEmpty() ? "" : " Failures: " + String.join("; ", plan.failures())));
        apply.setEnabled(!plan.applied() && deletions > 0);
    }

    private void confirmApply() {
        List<String> previewed = shown.deletions().stream().map(RetentionDecision::index).toList();
        Dialog dialog = new Dialog("Delete " + previewed.size() + " indices now?");
        dialog.add(new Paragraph("This deletes the indices marked DELETE in this preview, for good."));
        Button delete = new Button("Delete", e -> {
            dialog.close();
            show(retention.apply(previewed));
            Notification.show("Retention applied");
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        dialog.open();
    }
}
