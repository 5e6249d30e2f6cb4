package io.logwarden.search.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import io.logwarden.search.FoundEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The columns of result grids: time, level (coloured), chosen fields, message. */
final class ResultColumns {

    static final List<String> DEFAULT = List.of("service.name", "host.name");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private ResultColumns() {
    }

    static Grid<FoundEvent> compactGrid() {
        Grid<FoundEvent> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.setSizeFull();
        configure(grid, DEFAULT);
        return grid;
    }

    /** Replaces the grid's columns: time, level, {@code fields}, message. */
    static void configure(Grid<FoundEvent> grid, Collection<String> fields) {
        grid.removeAllColumns();
        grid.addColumn(e -> e.timestamp() == null ? "" : TIME.format(e.timestamp())).setHeader("Time (UTC)")
                .setKey("@timestamp").setWidth("215px").setFlexGrow(0);
        grid.addComponentColumn(ResultColumns::level).setHeader("Level").setKey("log.level").setWidth("90px")
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.START);
        for (String field : fields) {
            grid.addColumn(e -> text(e.field(field))).setHeader(field).setKey(field).setAutoWidth(true)
                    .setFlexGrow(0).setResizable(true);
        }
        grid.addColumn(e -> text(e.field("message"))).setHeader("Message").setKey("message").setFlexGrow(1);
    }

    static Span level(FoundEvent event) {
        String level = text(event.field("log.level")).toLowerCase(Locale.ROOT);
        Span span = new Span(level);
        span.addClassName("level");
        span.addClassName("level-" + level);
        String color = switch (level) {
            case "error", "critical", "fatal" -> "var(--lumo-error-text-color)";
            case "warn", "warning" -> "var(--lumo-warning-text-color, #b26b00)";
            case "debug", "trace" -> "var(--lumo-tertiary-text-color)";
            default -> "var(--lumo-success-text-color)";
        };
        span.getStyle().set("color", color).set("font-weight", "600");
        return span;
    }

    static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
