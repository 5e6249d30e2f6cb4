package io.logwarden.analytics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
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
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.Widget;
import io.logwarden.analytics.WidgetData;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.Locale;

/** Dashboards users build from widgets (time series, bar breakdown, top-values table, single number). */
@Route("dashboards/custom")
@PageTitle("My dashboards · Logwarden")
@Menu(order = 2.5, icon = "vaadin:grid-big", title = "My dashboards")
@PermitAll
class CustomDashboardsView extends Main {

    private final CustomDashboardService dashboards;
    private final Select<DashboardDefinition> picker = new Select<>();
    private final Select<DashboardView.RangeChoice> range = new Select<>();
    private final Button edit = new Button("Edit", VaadinIcon.EDIT.create());
    private final Button delete = new Button("Delete", VaadinIcon.TRASH.create());
    private final Div widgets = new Div();

    CustomDashboardsView(CustomDashboardService dashboards) {
        this.dashboards = dashboards;
        addClassName("custom-dashboards-view");
        picker.setLabel("Dashboard");
        picker.setItemLabelGenerator(d -> d.title() + (d.sharedWith().isEmpty() ? "" : "  · shared"));
        picker.setEmptySelectionAllowed(false);
        picker.setId("custom-dashboard-picker");
        picker.addValueChangeListener(e -> show());
        range.setLabel("Range");
        range.setItems(DashboardView.RangeChoice.values());
        range.setItemLabelGenerator(DashboardView.RangeChoice::label);
        range.setValue(DashboardView.RangeChoice.LAST_24H);
        range.addValueChangeListener(e -> show());
        Button create = new Button("New dashboard", VaadinIcon.PLUS.create(),
                e -> new DashboardEditor(null, this::save).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        edit.addClickListener(e -> new DashboardEditor(picker.getValue(), this::save).open());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(e -> {
            dashboards.delete(picker.getValue().id());
            reload(null);
        });
        HorizontalLayout toolbar = new HorizontalLayout(picker, range, create, edit, delete);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);
        widgets.addClassName("chart-grid");
        add(new H2("My dashboards"), toolbar, widgets);
        reload(null);
    }

    private void save(DashboardDefinition dashboard) {
        try {
            DashboardDefinition saved = dashboards.save(dashboard);
            reload(saved.id());
        } catch (IllegalArgumentException | org.springframework.security.access.AccessDeniedException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void reload(String selectId) {
        var visible = dashboards.visible();
        picker.setItems(visible);
        visible.stream().filter(d -> d.id().equals(selectId)).findFirst()
                .or(() -> visible.stream().findFirst())
                .ifPresentOrElse(picker::setValue, this::show);
    }

    private void show() {
        widgets.removeAll();
        DashboardDefinition dashboard = picker.getValue();
        boolean editable = dashboard != null && dashboards.canEdit(dashboard);
        edit.setEnabled(editable);
        delete.setEnabled(editable);
        if (dashboard == null) {
            widgets.add(new Paragraph("No dashboards yet. Build one from time series, bar breakdowns, tables of "
                    + "top values and single numbers, each with its own query; share it with roles."));
            return;
        }
        Instant now = Instant.now();
        TimeRange shown = TimeRange.last(range.getValue().length(), now, "");
        int n = 0;
        for (Widget widget : dashboard.widgets()) {
            Component shownWidget = widget(dashboards.render(widget, shown), shown, "widget-" + n);
            if (ChartPanel.mayDownload()) {
                shownWidget.getElement().insertChild(1, exportLink(dashboard, n, shown).getElement());
            }
            widgets.add(shownWidget);
            n++;
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

    private static Component widget(WidgetData data, TimeRange range, String id) {
        Widget widget = data.widget();
        return switch (widget.type()) {
            case TIME_SERIES -> {
                ChartPanel<io.logwarden.analytics.TimeSeries> panel = new ChartPanel<>(id, widget.title(),
                        r -> data.series(), ChartPanel.timeSeries(ChartOptions.Style.STACKED_BARS));
                panel.show(range, data.series(), ThemeState.isDark());
                yield panel;
            }
            case BAR_BREAKDOWN -> {
                ChartPanel<Breakdown> panel = new ChartPanel<>(id, widget.title(), r -> data.breakdown(),
                        ChartPanel.breakdown(ChartOptions.Style.BARS));
                panel.show(range, data.breakdown(), ThemeState.isDark());
                yield panel;
            }
            case TOP_VALUES_TABLE -> {
                Grid<Breakdown.Entry> grid = new Grid<>(Breakdown.Entry.class, false);
                grid.addColumn(Breakdown.Entry::key).setHeader(widget.field()).setFlexGrow(3);
                grid.addColumn(Breakdown.Entry::count).setHeader("Events");
                grid.setItems(data.breakdown().entries());
                grid.setAllRowsVisible(true);
                grid.setId(id);
                yield box(widget.title(), grid);
            }
            case SINGLE_NUMBER -> {
                Span value = new Span(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(data.number()));
                value.addClassName("summary-value");
                value.setId(id);
                yield box(widget.title(), value);
            }
        };
    }

    private static Div box(String title, Component content) {
        Div box = new Div(new H3(title), content);
        box.addClassName("chart-panel");
        return box;
    }
}
