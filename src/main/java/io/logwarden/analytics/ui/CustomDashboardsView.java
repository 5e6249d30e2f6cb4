package io.logwarden.analytics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.Widget;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Dashboards users build from widgets (time series, bar breakdown, top-values table, single number). Each widget
 * loads on its own in the background; one whose query is bad or fails shows a message, the others their data.
 */
@Route("dashboards/custom")
@PageTitle("My dashboards · Logwarden")
@Menu(order = 2.5, icon = "vaadin:grid-big", title = "My dashboards")
@PermitAll
class CustomDashboardsView extends Main {

    private final CustomDashboardService dashboards;
    private final Select<DashboardDefinition> picker = new Select<>();
    private final Select<RangeChoice> range = new Select<>();
    private final Button edit = new Button("Edit", VaadinIcon.EDIT.create());
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
    private final Div widgets = new Div();
    private final BackgroundLoad background = new BackgroundLoad();
    private int shown;
    private boolean listed;

    CustomDashboardsView(CustomDashboardService dashboards) {
        this.dashboards = dashboards;
        addClassName("custom-dashboards-view");
        picker.setLabel("Dashboard");
        picker.setItemLabelGenerator(d -> d.title() + (d.sharedWith().isEmpty() ? "" : "  · shared"));
        picker.setEmptySelectionAllowed(false);
        picker.setId("custom-dashboard-picker");
        picker.addValueChangeListener(e -> show());
        range.setLabel("Range");
        range.setItems(RangeChoice.values());
        range.setItemLabelGenerator(RangeChoice::label);
        range.setValue(RangeChoice.LAST_24H);
        range.setId("custom-dashboard-range");
        range.addValueChangeListener(e -> show());
        Button create = new Button("New dashboard", VaadinIcon.PLUS.create(),
                e -> new DashboardEditor(null, this::save).open());
        create.setId("custom-dashboard-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        edit.setId("custom-dashboard-edit");
        edit.addClickListener(e -> new DashboardEditor(picker.getValue(), this::save).open());
        delete.setId("custom-dashboard-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(e -> confirmDelete(picker.getValue()));
        HorizontalLayout toolbar = new HorizontalLayout(picker, range, create, edit, delete);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);
        widgets.addClassName("chart-grid");
        widgets.setId("custom-dashboard-widgets");
        add(new H2("My dashboards"), toolbar, widgets);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (!listed) {
            listed = true;
            reload(null);
        }
    }

    private boolean save(DashboardDefinition dashboard) {
        try {
            DashboardDefinition saved = dashboards.save(dashboard);
            reload(saved.id());
            return true;
        } catch (IllegalArgumentException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
    }

    private void confirmDelete(DashboardDefinition dashboard) {
        if (dashboard == null) {
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog("Delete " + dashboard.title() + "?",
                "The dashboard is deleted for everyone it is shared with.", "Delete", e -> {
                    dashboards.delete(dashboard.id());
                    reload(null);
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setId("custom-dashboard-delete-confirm");
        confirm.open();
    }

    private void reload(String selectId) {
        List<DashboardDefinition> visible;
        try {
            visible = dashboards.visible();
        } catch (RuntimeException e) {
            widgets.removeAll();
            Paragraph failure = new Paragraph(ChartFailures.message(e));
            failure.addClassName("chart-failure");
            failure.setId("custom-dashboards-failure");
            widgets.add(failure);
            edit.setEnabled(false);
            delete.setEnabled(false);
            return;
        }
        picker.setItems(visible);
        visible.stream().filter(d -> d.id().equals(selectId)).findFirst()
                .or(() -> visible.stream().findFirst())
                .ifPresentOrElse(picker::setValue, this::show);
    }

    private void show() {
        widgets.removeAll();
        int current = ++shown;
        DashboardDefinition dashboard = picker.getValue();
        boolean editable = dashboard != null && dashboards.canEdit(dashboard);
        edit.setEnabled(editable);
        delete.setEnabled(editable);
        if (dashboard == null) {
            widgets.add(new Paragraph("No dashboards yet. Build one from time series, bar breakdowns, tables of "
                    + "top values and single numbers, each with its own query; share it with roles."));
            return;
        }
        TimeRange shownRange = TimeRange.rounded(range.getValue().length(), Instant.now(), "");
        var ui = getUI().orElse(null);
        int n = 0;
        for (Widget widget : dashboard.widgets()) {
            WidgetBox box = new WidgetBox(widget, "widget-" + n);
            if (ChartPanel.mayDownload()) {
                box.getElement().insertChild(1, exportLink(dashboard, n, shownRange).getElement());
            }
            n++;
            widgets.add(box);
            if (ui != null) {
                background.run(ui, SecurityContextHolder.getContext(), () -> dashboards.render(widget, shownRange),
                        data -> {
                            if (current == shown) {
                                box.show(data, shownRange);
                            }
                        }, e -> {
                            if (current == shown) {
                                box.showFailure(ChartFailures.message(e));
                            }
                        });
            }
        }
    }

    /** Opens the Exports view with this widget and range filled in: a background export job, signed and audited. */
    private static com.vaadin.flow.component.html.Anchor exportLink(DashboardDefinition dashboard, int widget,
                                                                     TimeRange range) {
        com.vaadin.flow.component.html.Anchor link = new com.vaadin.flow.component.html.Anchor("exports?"
                + com.vaadin.flow.router.QueryParameters.simple(java.util.Map.of("dashboard", dashboard.id(),
                "widget", String.valueOf(widget), "from", range.from().toString(), "to", range.to().toString()))
                .getQueryString(), "Export…");
        link.addClassName("widget-export");
        link.getElement().setAttribute("title", "Export this widget's data as CSV, NDJSON or XLSX");
        return link;
    }
}
