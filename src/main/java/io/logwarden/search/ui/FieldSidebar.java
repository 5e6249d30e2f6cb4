package io.logwarden.search.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.logwarden.search.SampledField;
import io.logwarden.search.TopValues;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The fields present in the current results (from the first page, {@code labels.*} included), each with how many of
 * those events have it; opening a field counts its top values over all matches, and a value can be added as a
 * filter in (+) or out (−).
 */
class FieldSidebar extends VerticalLayout {

    private final Function<String, TopValues> topValues;
    private final BiConsumer<String, String> filterIn;
    private final BiConsumer<String, String> filterOut;

    /**
     * @param topValues field → its top values for the current query and range
     * @param filterIn  (field, value) → narrow the query to the value
     * @param filterOut (field, value) → exclude the value
     */
    FieldSidebar(Function<String, TopValues> topValues, BiConsumer<String, String> filterIn,
                 BiConsumer<String, String> filterOut) {
        this.topValues = topValues;
        this.filterIn = filterIn;
        this.filterOut = filterOut;
        setId("field-sidebar");
        setPadding(false);
        setSpacing(false);
        setWidth("280px");
        getStyle().set("overflow", "auto");
        addClassName("field-sidebar");
        show(List.of());
    }

    /** Lists the fields of the current results, all collapsed. */
    void show(List<SampledField> fields) {
        removeAll();
        add(new H4("Fields"));
        if (fields.isEmpty()) {
            add(new Span("No events in these results"));
        }
        for (SampledField field : fields) {
            Details details = new Details(summary(field));
            details.setId("field-" + field.field().replace('.', '-'));
            details.addClassName("field-entry");
            details.getElement().setAttribute("data-field", field.field());
            details.setWidthFull();
            details.addOpenedChangeListener(e -> {
                if (e.isOpened()) {
                    details.removeAll();
                    details.add(field.facetable() ? values(field.field())
                            : new Span("Full text: no top values; search it in the query"));
                }
            });
            add(details);
        }
    }

    private static HorizontalLayout summary(SampledField field) {
        Span name = new Span(field.field());
        Span share = new Span(field.events() + "/" + field.sample());
        share.getElement().setAttribute("title", "in " + field.events() + " of the first " + field.sample()
                + " events");
        share.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-xs)");
        HorizontalLayout summary = new HorizontalLayout(name, share);
        summary.setAlignItems(FlexComponent.Alignment.BASELINE);
        return summary;
    }

    private Div values(String field) {
        Div box = new Div();
        box.addClassName("field-values");
        try {
            TopValues top = topValues.apply(field);
            if (top.values().isEmpty()) {
                box.add(new Span("No values in these results"));
            }
            NumberFormat format = NumberFormat.getIntegerInstance(Locale.ENGLISH);
            for (TopValues.ValueCount value : top.values()) {
                box.add(row(field, value, format));
            }
            if (top.other() > 0) {
                box.add(new Span("+ " + format.format(top.other()) + " in other values"));
            }
            if (top.missing() > 0) {
                box.add(new Span(format.format(top.missing()) + " without this field"));
            }
        } catch (RuntimeException e) {
            box.add(new Span(e.getMessage()));
        }
        return box;
    }

    private HorizontalLayout row(String field, TopValues.ValueCount value, NumberFormat format) {
        Span name = new Span(value.value());
        name.addClassName("field-value");
        name.getStyle().set("overflow", "hidden").set("text-overflow", "ellipsis").set("white-space", "nowrap");
        Span count = new Span(format.format(value.count()));
        count.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Button in = new Button(VaadinIcon.PLUS_CIRCLE_O.create(), e -> filterIn.accept(field, value.value()));
        in.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        in.setTooltipText("Only " + value.value());
        in.addClassName("filter-in");
        Button out = new Button(VaadinIcon.MINUS_CIRCLE_O.create(), e -> filterOut.accept(field, value.value()));
        out.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        out.setTooltipText("Without " + value.value());
        out.addClassName("filter-out");
        HorizontalLayout row = new HorizontalLayout(name, count, in, out);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.setWidthFull();
        row.expand(name);
        row.addClassName("field-value-row");
        row.getElement().setAttribute("data-value", value.value());
        return row;
    }
}
