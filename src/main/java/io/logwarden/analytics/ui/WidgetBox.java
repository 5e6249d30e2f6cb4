package io.logwarden.analytics.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.logwarden.analytics.Breakdown;
import io.logwarden.analytics.TimeRange;
import io.logwarden.analytics.TimeSeries;
import io.logwarden.analytics.Widget;
import io.logwarden.analytics.WidgetData;
import java.text.NumberFormat;
import java.util.Locale;

/** One widget of a custom dashboard: created empty, then given its data or a message saying why there is none. */
final class WidgetBox extends Div {

    private final Widget widget;
    private final String id;
    private final Span status = new Span("Loading…");
    private ChartPanel<TimeSeries> series;
    private ChartPanel<Breakdown> bars;

    WidgetBox(Widget widget, String id) {
        this.widget = widget;
        this.id = id;
        addClassName("widget-box");
        getElement().setAttribute("data-widget", id);
        status.addClassName("chart-empty");
        switch (widget.type()) {
            case TIME_SERIES -> {
                series = new ChartPanel<>(id, widget.title(), ChartPanel.timeSeries(ChartOptions.Style.STACKED_BARS));
                add(series);
            }
            case BAR_BREAKDOWN -> {
                bars = new ChartPanel<>(id, widget.title(), ChartPanel.breakdown(ChartOptions.Style.BARS));
                add(bars);
            }
            case TOP_VALUES_TABLE, SINGLE_NUMBER -> add(box(status));
        }
    }

    void show(WidgetData data, TimeRange range) {
        switch (widget.type()) {
            case TIME_SERIES -> series.show(range, data.series());
            case BAR_BREAKDOWN -> bars.show(range, data.breakdown());
            case TOP_VALUES_TABLE -> {
                Grid<Breakdown.Entry> grid = new Grid<>(Breakdown.Entry.class, false);
                grid.addColumn(Breakdown.Entry::key).setHeader(widget.field()).setFlexGrow(3);
                grid.addColumn(Breakdown.Entry::count).setHeader("Events");
                grid.setItems(data.breakdown().entries());
                grid.setAllRowsVisible(true);
                grid.setId(id);
                replace(grid);
            }
            case SINGLE_NUMBER -> {
                Span value = new Span(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(data.number()));
                value.addClassName("summary-value");
                value.setId(id);
                replace(value);
            }
        }
    }

    void showFailure(String message) {
        switch (widget.type()) {
            case TIME_SERIES -> series.showFailure(message);
            case BAR_BREAKDOWN -> bars.showFailure(message);
            case TOP_VALUES_TABLE, SINGLE_NUMBER -> {
                Span failure = new Span(message);
                failure.addClassName("chart-failure");
                failure.setId(id + "-failure");
                replace(failure);
            }
        }
    }

    private void replace(Component content) {
        removeAll();
        add(box(content));
    }

    private Div box(Component content) {
        Div box = new Div(new H3(widget.title()), content);
        box.addClassName("chart-panel");
        return box;
    }
}
