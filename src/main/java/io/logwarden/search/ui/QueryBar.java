package io.logwarden.search.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.logwarden.search.QueryHistoryEntry;
import io.logwarden.search.SavedSearch;
import io.logwarden.search.SavedSearchService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query field with history and saved searches, time range picker (quick ranges or absolute, UTC) and Search. */
class QueryBar extends HorizontalLayout {

    static final String CUSTOM = "Custom range (UTC)";
    private static final Map<String, String> QUICK = new LinkedHashMap<>();

    static {
        QUICK.put("Last 15 minutes", "now-15m");
        QUICK.put("Last hour", "now-1h");
        QUICK.put("Last 24 hours", "now-24h");
        QUICK.put("Last 7 days", "now-7d");
        QUICK.put("Last 30 days", "now-30d");
        QUICK.put(CUSTOM, "");
    }

    private final TextField query = new TextField();
    private final Select<String> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final SavedSearchService saved;
    private final Runnable onSearch;

    QueryBar(SavedSearchService saved, Runnable onSearch) {
        this.saved = saved;
        this.onSearch = onSearch;
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.BASELINE);
        addClassName("query-bar");

        query.setId("search-query");
        query.setPlaceholder("Lucene query, e.g. log.level:error AND service.name:shop");
        query.setPrefixComponent(VaadinIcon.SEARCH.create());
        query.setClearButtonVisible(true);

        range.setId("search-range");
        range.setItems(QUICK.keySet());
        range.setValue("Last 15 minutes");
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
        from.setVisible(false);
        to.setVisible(false);
        from.setStep(java.time.Duration.ofMinutes(1));
        to.setStep(java.time.Duration.ofMinutes(1));

        Button search = new Button("Search", e -> onSearch.run());
        search.setId("search-button");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER).listenOn(query);

        Button history = new Button(VaadinIcon.CLOCK.create());
        history.setTooltipText("Recent queries");
        history.setId("search-history");
        ContextMenu historyMenu = new ContextMenu(history);
        historyMenu.setOpenOnClick(true);
        historyMenu.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                fillHistory(historyMenu);
            }
        });

        Button savedButton = new Button(VaadinIcon.BOOKMARK.create());
        savedButton.setTooltipText("Saved searches");
        savedButton.setId("search-saved");
        ContextMenu savedMenu = new ContextMenu(savedButton);
        savedMenu.setOpenOnClick(true);
        savedMenu.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                fillSaved(savedMenu);
            }
        });

        add(query, history, savedButton, range, from, to, search);
        expand(query);
    }

    String query() {
        return query.getValue() == null ? "" : query.getValue().strip();
    }

    void setQuery(String text) {
        query.setValue(text == null ? "" : text);
    }

    /** The range start as the search service reads it. */
    String from() {
        if (CUSTOM.equals(range.getValue())) {
            return from.getValue() == null ? "" : from.getValue().toInstant(ZoneOffset.UTC).toString();
        }
        return QUICK.get(range.getValue());
    }

    String to() {
        if (CUSTOM.equals(range.getValue())) {
            return to.getValue() == null ? "" : to.getValue().toInstant(ZoneOffset.UTC).toString();
        }
        return "";
    }

    /** Switches to an absolute range (histogram zoom). */
    void setAbsolute(Instant start, Instant end) {
        from.setValue(LocalDateTime.ofInstant(start, ZoneOffset.UTC));
        to.setValue(LocalDateTime.ofInstant(end, ZoneOffset.UTC));
        range.setValue(CUSTOM);
    }

    /** Restores a range as typed (saved search, history). */
    void setRange(String start, String end) {
        String quick = QUICK.entrySet().stream().filter(e -> e.getValue().equals(start) && (end == null
                || end.isBlank())).map(Map.Entry::getKey).findFirst().orElse(null);
        if (quick != null) {
            range.setValue(quick);
            return;
        }
        try {
            setAbsolute(Instant.parse(start), end == null || end.isBlank() ? Instant.now() : Instant.parse(end));
        } catch (RuntimeException e) {
            range.setValue("Last 15 minutes");
        }
    }

    private void fillHistory(ContextMenu menu) {
        menu.removeAll();
        var entries = saved.history();
        if (entries.isEmpty()) {
            menu.addItem("No recent queries").setEnabled(false);
        }
        for (QueryHistoryEntry entry : entries) {
            String label = (entry.query().isBlank() ? "(everything)" : entry.query()) + "  ·  " + entry.from();
            menu.addItem(label, e -> apply(entry.query(), entry.from(), entry.to()));
        }
    }

    private void fillSaved(ContextMenu menu) {
        menu.removeAll();
        menu.addItem("Save current search…", e -> openSaveDialog());
        for (SavedSearch search : saved.list()) {
            String label = search.name() + (search.shared() ? " (shared by " + search.owner() + ")" : "");
            menu.addItem(label, e -> apply(search.query(), search.from(), search.to()));
        }
    }

    private void apply(String text, String start, String end) {
        setQuery(text);
        setRange(start, end);
        onSearch.run();
    }

    private void openSaveDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Save search");
        TextField name = new TextField("Name");
        name.setWidthFull();
        Checkbox shared = new Checkbox("Share with all users");
        Button save = new Button("Save", e -> {
            try {
                saved.save(name.getValue(), query(), from(), to(), shared.getValue());
                dialog.close();
                Notification.show("Saved \"" + name.getValue() + "\"");
            } catch (RuntimeException ex) {
                Notification.show(ex.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name, shared);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }
}
