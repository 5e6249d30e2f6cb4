package io.logwarden.search.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.logwarden.search.EntityRef;
import io.logwarden.search.ExploreService;
import io.logwarden.search.SearchService;
import io.logwarden.search.TimeRange;
import io.logwarden.search.TimelineEntry;
import io.logwarden.search.TimelinePage;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entity timeline: everything that touched an entity, user, trace, job or session, oldest first (equal timestamps in
 * the order they were received), with diffs; long timelines come in pages, saying how many events there are.
 */
@Route("search/timeline")
@PageTitle("Timeline · Logwarden")
@Menu(order = 1.5, icon = "vaadin:timer", title = "Timeline")
@PermitAll
class TimelineView extends Main implements BeforeEnterObserver {

    private final ExploreService explore;
    private final SearchService search;
    private final Select<EntityRef.Kind> kind = new Select<>();
    private final TextField type = new TextField("Entity type");
    private final TextField id = new TextField("Id");
    private final Select<String> range = new Select<>();
    private final VerticalLayout entries = new VerticalLayout();
    private final Span summary = new Span();
    private final Button newer = new Button("Newer events", VaadinIcon.ARROW_DOWN.create(), e -> loadNewer());
    private EntityRef shown;
    private TimeRange shownRange;
    private TimelinePage page;

    TimelineView(ExploreService explore, SearchService search) {
        this.explore = explore;
        this.search = search;
        addClassName("timeline-view");
        kind.setLabel("Kind");
        kind.setItems(EntityRef.Kind.values());
        kind.setValue(EntityRef.Kind.ENTITY);
        kind.addValueChangeListener(e -> type.setVisible(e.getValue() == EntityRef.Kind.ENTITY));
        type.setId("timeline-type");
        id.setId("timeline-id");
        range.setLabel("Range");
        range.setItems("now-24h", "now-7d", "now-30d", "now-365d");
        range.setValue("now-30d");
        Button show = new Button("Show timeline", e -> load());
        show.setId("timeline-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(kind, type, id, range, show);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        entries.setId("timeline-entries");
        entries.setPadding(false);
        summary.setId("timeline-summary");
        newer.setId("timeline-newer");
        newer.setVisible(false);
        add(new H2("Timeline"), form, summary, entries, newer);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters parameters = event.getLocation().getQueryParameters();
        Map<String, List<String>> values = parameters.getParameters();
        if (values.containsKey("id")) {
            Arrays.stream(EntityRef.Kind.values()).filter(k -> k.name().equals(first(values, "kind")))
                    .findFirst().ifPresent(kind::setValue);
            type.setValue(first(values, "type"));
            id.setValue(first(values, "id"));
            load();
        }
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? "" : list.getFirst();
    }

    private void load() {
        entries.removeAll();
        newer.setVisible(false);
        summary.setText("");
        try {
            shown = new EntityRef(kind.getValue(), type.getValue(), id.getValue());
            shownRange = search.range(range.getValue(), "");
            show(explore.timeline(shown, shownRange));
        } catch (RuntimeException e) {
            entries.add(new Paragraph(e.getMessage()));
        }
    }

    /** The next stretch, after the last event shown (the newest of this page). */
    private void loadNewer() {
        try {
            entries.removeAll();
            show(explore.timeline(shown, shownRange, page));
        } catch (RuntimeException e) {
            entries.add(new Paragraph(e.getMessage()));
        }
    }

    private void show(TimelinePage timeline) {
        page = timeline;
        NumberFormat format = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        if (timeline.entries().isEmpty()) {
            summary.setText("");
            entries.add(new Paragraph("Nothing touched it in this range."));
        } else {
            summary.setText("Showing events " + format.format(timeline.offset() + 1) + "–"
                    + format.format(timeline.offset() + timeline.entries().size()) + " of "
                    + format.format(timeline.total()) + ", oldest first");
        }
        summary.getElement().setAttribute("data-total", String.valueOf(timeline.total()));
        timeline.entries().forEach(entry -> entries.add(entry(entry)));
        newer.setVisible(timeline.hasNewer());
    }

    private Div entry(TimelineEntry entry) {
        Div box = new Div();
        box.addClassName("timeline-entry");
        box.getStyle().set("border-left", "3px solid var(--lumo-primary-color)").set("padding-left", "12px")
                .set("margin-bottom", "8px");
        Span time = new Span(entry.event().timestamp() == null ? "" : ResultColumns.TIME.format(entry.event().timestamp()));
        time.getStyle().set("font-weight", "600").set("margin-right", "8px");
        Object action = entry.event().field("event.action");
        Span what = new Span((action == null ? "" : action + " · ")
                + ResultColumns.text(entry.event().field("message")));
        box.add(new HorizontalLayout(time, ResultColumns.level(entry.event()), what));
        for (TimelineEntry.FieldChange change : entry.changes()) {
            Div line = new Div(new Span(change.field() + ": "), struck(change.before()), new Span(" → "),
                    new Span(ResultColumns.text(change.after())));
            line.addClassName("timeline-change");
            line.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                    .set("font-size", "var(--lumo-font-size-s)");
            box.add(line);
        }
        return box;
    }

    private static Span struck(Object before) {
        Span span = new Span(before == null ? "∅" : String.valueOf(before));
        span.getStyle().set("text-decoration", "line-through").set("color", "var(--lumo-error-text-color)");
        return span;
    }
}
