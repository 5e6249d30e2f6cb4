package io.logwarden.search.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.search.QueryHistoryEntry;
import io.logwarden.search.SavedSearch;
import io.logwarden.search.SavedSearchService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Query field with history and saved searches, time range picker (quick ranges, other relative ranges such as
 * {@code now-2h} from a link, or an absolute UTC range) and Search.
 */
class QueryBar extends HorizontalLayout {

    static final String CUSTOM = "Custom range (UTC)";
    static final String DEFAULT_RANGE = "Last 15 minutes";
    private static final Pattern RELATIVE = Pattern.compile("now-\\d{1,9}[smhdw]");
    private static final Map<String, String> QUICK = new LinkedHashMap<>();

    static {
        QUICK.put(DEFAULT_RANGE, "now-15m");
        QUICK.put("Last hour", "now-1h");
        QUICK.put("Last 24 hours", "now-24h");
        QUICK.put("Last 7 days", "now-7d");
        QUICK.put("Last 30 days", "now-30d");
    }

    private final TextField query = new TextField();
    private final Select<String> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Map<String, String> ranges = new LinkedHashMap<>(QUICK);
    private final SavedSearchService saved;
    private final Runnable onSearch;
    private final Consumer<SearchState> onOpen;
    private final Supplier<List<String>> columns;
    /** An absolute range as given (link, saved search, zoom) at full precision, until the pickers are edited. */
    private String exactFrom;
    private String exactTo;

    /**
     * @param onSearch run the search in the bar
     * @param onOpen   open a remembered or saved search (query, range and columns)
     * @param columns  the grid's chosen columns, stored with a saved search
     */
    QueryBar(SavedSearchService saved, Runnable onSearch, Consumer<SearchState> onOpen,
             Supplier<List<String>> columns) {
        this.saved = saved;
        this.onSearch = onSearch;
        this.onOpen = onOpen;
        this.columns = columns;
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.BASELINE);
        addClassName("query-bar");

        query.setId("search-query");
        query.setPlaceholder("Lucene query, e.g. log.level:error AND service.name:shop");
        query.setPrefixComponent(VaadinIcon.SEARCH.create());
        query.setClearButtonVisible(true);

        range.setId("search-range");
        refreshRanges(DEFAULT_RANGE);
        range.addValueChangeListener(e -> {
            boolean custom = CUSTOM.equals(e.getValue());
            from.setVisible(custom);
            to.setVisible(custom);
            if (custom && from.getValue() == null) {
                LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                from.setValue(now.minusHours(1));
                to.setValue(now);
            }
            if (e.isFromClient() && !custom) {
                onSearch.run();
            }
        });
        for (DateTimePicker picker : List.of(from, to)) {
            picker.setVisible(false);
            picker.setStep(Duration.ofSeconds(1));
            picker.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    exactFrom = null;
                    exactTo = null;
                }
            });
        }
        from.setId("search-from");
        to.setId("search-to");

        Button search = new Button("Search", e -> onSearch.run());
        search.setId("search-button");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER).listenOn(query);

        Button history = new Button(VaadinIcon.CLOCK.create());
        history.setTooltipText("Recent queries");
        history.setId("search-history");
        menu(history, this::fillHistory);
        Button savedButton = new Button(VaadinIcon.BOOKMARK.create());
        savedButton.setTooltipText("Saved searches");
        savedButton.setId("search-saved");
        menu(savedButton, this::fillSaved);

        add(query, history, savedButton, range, from, to, search);
        expand(query);
    }

    String query() {
        return query.getValue() == null ? "" : query.getValue().strip();
    }

    void setQuery(String text) {
        query.setValue(text == null ? "" : text);
    }

    /** The range start as typed, as the search service reads it. */
    String from() {
        if (!CUSTOM.equals(range.getValue())) {
            return ranges.get(range.getValue());
        }
        if (exactFrom != null) {
            return exactFrom;
        }
        return from.getValue() == null ? "" : from.getValue().toInstant(ZoneOffset.UTC).toString();
    }

    String to() {
        if (!CUSTOM.equals(range.getValue())) {
            return "";
        }
        if (exactTo != null) {
            return exactTo;
        }
        return to.getValue() == null ? "" : to.getValue().toInstant(ZoneOffset.UTC).toString();
    }

    /** Switches to an absolute range (histogram zoom). */
    void setAbsolute(Instant start, Instant end) {
        setCustom(start.toString(), end.toString(), start, end);
    }

    /**
     * Restores a range as typed (URL, saved search, history): a quick range, another {@code now-N<unit>}, or
     * absolute bounds; anything unreadable falls back to the default range (the search then says what is wrong).
     */
    void setRange(String start, String end) {
        boolean open = end == null || end.isBlank() || end.equals("now");
        if (start == null || start.isBlank()) {
            range.setValue(DEFAULT_RANGE);
            return;
        }
        String quick = ranges.entrySet().stream().filter(e -> e.getValue().equals(start)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (open && quick != null) {
            range.setValue(quick);
        } else if (open && RELATIVE.matcher(start).matches()) {
            String label = "Since " + start;
            ranges.put(label, start);
            refreshRanges(label);
        } else {
            try {
                Instant startAt = instant(start);
                Instant endAt = open ? Instant.now() : instant(end);
                setCustom(start, open ? "" : end, startAt, endAt);
            } catch (DateTimeParseException e) {
                range.setValue(DEFAULT_RANGE);
            }
        }
    }

    private void setCustom(String exactStart, String exactEnd, Instant start, Instant end) {
        from.setValue(LocalDateTime.ofInstant(start, ZoneOffset.UTC));
        to.setValue(LocalDateTime.ofInstant(end, ZoneOffset.UTC));
        exactFrom = exactStart;
        exactTo = exactEnd;
        range.setValue(CUSTOM);
    }

    private static Instant instant(String text) {
        return text.matches("\\d{10,13}") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
    }

    private void refreshRanges(String selected) {
        List<String> items = new ArrayList<>(ranges.keySet());
        items.add(CUSTOM);
        range.setItems(items);
        range.setValue(selected);
    }

    /**
     * A menu on the button whose items are built when it is about to open: a context menu without items does not
     * open at all, so filling it on the opened event would leave it shut.
     */
    private static void menu(Button button, Consumer<ContextMenu> fill) {
        ContextMenu menu = new ContextMenu(button) {
            @Override
            protected boolean onBeforeOpenMenu(ObjectNode eventDetail) {
                fill.accept(this);
                return super.onBeforeOpenMenu(eventDetail);
            }
        };
        menu.setOpenOnClick(true);
    }

    private void fillHistory(ContextMenu menu) {
        menu.removeAll();
        List<QueryHistoryEntry> entries = saved.history();
        if (entries.isEmpty()) {
            menu.addItem("No recent queries").setEnabled(false);
        }
        for (QueryHistoryEntry entry : entries) {
            String label = (entry.query().isBlank() ? "(everything)" : entry.query()) + "  ·  " + entry.from();
            menu.addItem(label, e -> onOpen.accept(new SearchState(entry.query(), entry.from(), entry.to(),
                    columns.get())));
        }
    }

    private void fillSaved(ContextMenu menu) {
        menu.removeAll();
        menu.addItem("Save current search…", e -> SavedSearchDialogs.save(saved, query(), from(), to(),
                columns.get())).setId("saved-save-current");
        menu.addItem("Manage saved searches…", e -> SavedSearchDialogs.manage(saved, onOpen))
                .setId("saved-manage");
        for (SavedSearch search : saved.list()) {
            String label = search.name() + (search.shared() ? " (shared by " + search.owner() + ")" : "");
            menu.addItem(label, e -> onOpen.accept(SavedSearchDialogs.state(search)))
                    .getElement().setAttribute("data-saved", search.name());
        }
    }
}
