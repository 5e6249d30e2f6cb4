package io.logwarden.search.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.QueryParameters;
import io.logwarden.search.ExploreService;
import io.logwarden.search.FoundEvent;
import io.logwarden.search.Surroundings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/** The event drawer: every field (filter in/out), the JSON with a copy button, surrounding events, timelines. */
class EventDetail extends VerticalLayout {

    /**
     * Copies the button's {@code copyText} in the click itself (browsers allow the clipboard only during a user
     * gesture): the Clipboard API where the page is a secure context (HTTPS, localhost), else a selected hidden
     * text area and {@code execCommand('copy')}; then tells the server whether either worked.
     */
    private static final String COPY_ON_CLICK = """
            const button = this;
            button.addEventListener('click', async () => {
              const text = button.copyText || '';
              let copied = false;
              try {
                if (navigator.clipboard && window.isSecureContext) {
                  await navigator.clipboard.writeText(text);
                  copied = true;
                }
              } catch (e) {
                copied = false;
              }
              if (!copied) {
                const area = document.createElement('textarea');
                area.value = text;
                area.setAttribute('readonly', '');
                area.style.position = 'fixed';
                area.style.opacity = '0';
                document.body.appendChild(area);
                area.select();
                try {
                  copied = document.execCommand('copy');
                } catch (e) {
                  copied = false;
                }
                area.remove();
              }
              button.dispatchEvent(new CustomEvent('copy-done', { detail: { copied } }));
            });
            """;

    private final ExploreService explore;
    private final Predicate<String> filterable;
    private final BiConsumer<String, String> filterIn;
    private final BiConsumer<String, String> filterOut;

    /**
     * @param filterable whether a field's value can be added to the query as a filter
     */
    EventDetail(ExploreService explore, Predicate<String> filterable, BiConsumer<String, String> filterIn,
                BiConsumer<String, String> filterOut) {
        this.explore = explore;
        this.filterable = filterable;
        this.filterIn = filterIn;
        this.filterOut = filterOut;
        setId("event-detail");
        addClassName("event-detail");
        setWidth("480px");
        setHeightFull();
        setVisible(false);
    }

    void show(FoundEvent event) {
        removeAll();
        if (event == null) {
            setVisible(false);
            return;
        }
        setVisible(true);
        Button close = new Button(VaadinIcon.CLOSE.create(), e -> setVisible(false));
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        close.setId("event-detail-close");
        H4 title = new H4("Event " + event.id());
        HorizontalLayout header = new HorizontalLayout(title, close);
        header.setWidthFull();
        header.expand(title);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        String json = FlatFields.json(event.fields());
        Button copy = new Button("Copy JSON", VaadinIcon.COPY.create());
        copy.setId("event-copy");
        copy.getElement().setProperty("copyText", json);
        copy.getElement().executeJs(COPY_ON_CLICK);
        copy.getElement().addEventListener("copy-done", e -> copied(
                e.getEventData().get("event.detail.copied").asBoolean())).addEventData("event.detail.copied");
        Button surrounding = new Button("Surrounding events", VaadinIcon.LINES.create(), e -> surroundings(event));
        surrounding.setId("event-surrounding");
        HorizontalLayout actions = new HorizontalLayout(copy, surrounding);
        actions.setWrap(true);
        timelineLinks(event).forEach(actions::add);

        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add("Fields", fieldGrid(event));
        Pre pre = new Pre(json);
        pre.setId("event-json");
        pre.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("white-space", "pre-wrap");
        tabs.add("JSON", pre);
        add(header, actions, tabs);
        expand(tabs);
    }

    private Grid<Map.Entry<String, String>> fieldGrid(FoundEvent event) {
        Grid<Map.Entry<String, String>> grid = new Grid<>();
        grid.setId("event-fields");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Map.Entry::getKey).setHeader("Field").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Map.Entry::getValue).setHeader("Value").setFlexGrow(1);
        grid.addComponentColumn(entry -> {
            if (!filterable.test(entry.getKey())) {
                return new Span();
            }
            Button in = new Button(VaadinIcon.PLUS_CIRCLE_O.create(), e -> filterIn.accept(entry.getKey(),
                    entry.getValue()));
            in.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            in.addClassName("filter-in");
            Button out = new Button(VaadinIcon.MINUS_CIRCLE_O.create(), e -> filterOut.accept(entry.getKey(),
                    entry.getValue()));
            out.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            out.addClassName("filter-out");
            return new HorizontalLayout(in, out);
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(new ArrayList<>(FlatFields.of(event.fields()).entrySet()));
        grid.setHeightFull();
        return grid;
    }

    private static void copied(boolean copied) {
        Notification notification = copied ? Notification.show("Copied the event's JSON to the clipboard")
                : Notification.show("Could not copy: this browser allows the clipboard only on HTTPS or localhost "
                + "pages. Select the text in the JSON tab and copy it by hand.", 8000, Notification.Position.MIDDLE);
        notification.setId("event-copy-result");
        notification.getElement().setAttribute("data-copied", String.valueOf(copied));
    }

    private List<Button> timelineLinks(FoundEvent event) {
        List<Button> links = new ArrayList<>();
        Object type = event.field("audit.entity.type");
        Object id = event.field("audit.entity.id");
        if (type != null && id != null) {
            links.add(timelineLink("Entity timeline", "ENTITY", String.valueOf(type), String.valueOf(id)));
        }
        for (String[] kind : new String[][] {{"trace.id", "TRACE"}, {"job.id", "JOB"}, {"session.id", "SESSION"}}) {
            Object value = event.field(kind[0]);
            if (value != null) {
                links.add(timelineLink(kind[0] + " timeline", kind[1], "", String.valueOf(value)));
            }
        }
        return links;
    }

    private Button timelineLink(String label, String kind, String type, String id) {
        Button button = new Button(label, VaadinIcon.TIMER.create(), e -> getUI().ifPresent(ui -> ui.navigate(
                TimelineView.class, QueryParameters.simple(Map.of("kind", kind, "type", type, "id", id)))));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private void surroundings(FoundEvent event) {
        Dialog dialog = new Dialog();
        dialog.setWidth("80vw");
        dialog.setHeight("70vh");
        try {
            Surroundings around = explore.surroundings(event.id(), 25).orElseThrow();
            dialog.setHeaderTitle("Around " + event.timestamp() + (around.sharedField() == null ? ""
                    : " on the same " + around.sharedField()));
            List<FoundEvent> rows = new ArrayList<>(around.before());
            rows.add(around.anchor());
            rows.addAll(around.after());
            Grid<FoundEvent> grid = ResultColumns.compactGrid();
            grid.setId("surrounding-grid");
            grid.setItems(rows);
            grid.select(around.anchor());
            grid.scrollToIndex(around.before().size());
            dialog.add(grid);
        } catch (RuntimeException e) {
            dialog.add(new Span("Cannot load the surrounding events: " + e.getMessage()));
        }
        Button close = new Button("Close", e -> dialog.close());
        close.setId("surrounding-close");
        dialog.getFooter().add(close);
        dialog.open();
    }
}
