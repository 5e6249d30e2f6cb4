package io.logwarden.export.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.logwarden.analytics.CustomDashboardService;
import io.logwarden.analytics.DashboardDefinition;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportService;
import io.logwarden.export.WidgetExportRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.springframework.security.access.AccessDeniedException;

/** Starts an export of a dashboard widget's aggregated data; the dashboards' "Export…" links fill it in. */
class WidgetExportForm extends HorizontalLayout {

    final Select<DashboardDefinition> dashboard = new Select<>();
    final Select<Integer> widget = new Select<>();
    final RangeAndFormat output = new RangeAndFormat();
    final Button start = new Button("Export widget");

    WidgetExportForm(ExportService exports, CustomDashboardService dashboards, Consumer<ExportJob> started) {
        dashboard.setLabel("Dashboard");
        dashboard.setItemLabelGenerator(DashboardDefinition::title);
        dashboard.setItems(dashboards.visible());
        dashboard.addValueChangeListener(e -> showWidgets(e.getValue()));
        widget.setLabel("Widget");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> {
            try {
                if (dashboard.getValue() == null || widget.getValue() == null) {
                    throw new IllegalArgumentException("Choose the dashboard and the widget");
                }
                output.requireRange();
                started.accept(exports.submitWidget(new WidgetExportRequest(dashboard.getValue().id(),
                        widget.getValue(), output.fromInstant(), output.toInstant(), output.format.getValue(),
                        output.gzipped())));
                Notification.show("Widget export started");
            } catch (IllegalArgumentException | AccessDeniedException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        add(dashboard, widget, output.from, output.to, output.format, output.gzip, start);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }

    private void showWidgets(DashboardDefinition chosen) {
        if (chosen == null) {
            widget.setItems(List.of());
            return;
        }
        widget.setItems(IntStream.range(0, chosen.widgets().size()).boxed().toList());
        widget.setItemLabelGenerator(i -> (i + 1) + ". " + chosen.widgets().get(i).title()
                + " (" + chosen.widgets().get(i).type().label() + ")");
    }

    /** Fills the form from a dashboard's "Export…" link; false when the dashboard is not visible. */
    boolean prefill(String dashboardId, int widgetIndex, Instant rangeFrom, Instant rangeTo) {
        var found = dashboard.getListDataView().getItems().filter(d -> d.id().equals(dashboardId)).findFirst();
        if (found.isEmpty()) {
            return false;
        }
        dashboard.setValue(found.get());
        if (widgetIndex >= 0 && widgetIndex < found.get().widgets().size()) {
            widget.setValue(widgetIndex);
        }
        if (rangeFrom != null && rangeTo != null) {
            output.setRange(rangeFrom, rangeTo);
        }
        return true;
    }
}
