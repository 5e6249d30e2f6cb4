package io.logwarden.search.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.EChart;
import io.logwarden.search.ExploreService;
import io.logwarden.search.FoundEvent;
import io.logwarden.search.Histogram;
import io.logwarden.search.LiveTail;
import io.logwarden.search.LiveTailService;
import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.SavedSearchService;
import io.logwarden.search.SearchService;
import io.logwarden.search.TailBatch;
import io.logwarden.search.TimeRange;
import io.logwarden.storage.EventFields;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Search: query bar with history and saved searches, time range, histogram of matches (drag to zoom), lazily loaded
 * results newest first, field sidebar with top values, event drawer, and live tail.
 */
@Route("search")
@PageTitle("Search · Logwarden")
@Menu(order = 1, icon = "vaadin:search", title = "Search")
@PermitAll
class SearchView extends Main {

    static final int MAX_GRID_ROWS = 100_000;
    private static final int TAIL_ROWS = 500;

    private final SearchService search;
    private final LiveTailService liveTail;
    private final SavedSearchService saved;
    private final QueryBar bar;
    private final EChart histogram = new EChart();
    private final Grid<FoundEvent> grid = new Grid<>();
    private final FieldSidebar sidebar;
    private final EventDetail detail;
    private final Span status = new Span();
    private final Button tailButton = new Button("Live tail", VaadinIcon.PLAY.create());
    private final Button pauseButton = new Button("Pause", VaadinIcon.PAUSE.create());
    private final MultiSelectComboBox<String> columns = new MultiSelectComboBox<>();
    private final List<FoundEvent> tailRows = new ArrayList<>();
    private TimeRange range;
    private String query = "";
    private LiveTail tail;

    SearchView(SearchService search, LiveTailService liveTail, SavedSearchService saved, ExploreService explore) {
        this.search = search;
        this.liveTail = liveTail;
        this.saved = saved;
        addClassName("search-view");
        setSizeFull();
        bar = new QueryBar(saved, this::run);
        sidebar = new FieldSidebar(field -> search.topValues(field, query, range, 10), this::filterIn,
                this::filterOut);
        detail = new EventDetail(explore, this::filterIn, this::filterOut);

        histogram.setId("search-histogram");
        histogram.setHeight("160px");
        histogram.getElement().addEventListener("chart-brush", e -> zoom(
                Instant.ofEpochMilli(e.getEventData().get("event.detail.from").asLong()),
                Instant.ofEpochMilli(e.getEventData().get("event.detail.to").asLong())))
                .addEventData("event.detail.from").addEventData("event.detail.to");

        grid.setId("search-results");
        grid.setSizeFull();
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_COMPACT);
        ResultColumns.configure(grid, ResultColumns.DEFAULT);
        grid.asSingleSelect().addValueChangeListener(e -> detail.show(e.getValue()));

        columns.setId("search-columns");
        columns.setPlaceholder("Columns");
        columns.setItems(EventFields.types().keySet().stream().filter(f -> !f.equals("@timestamp")
                && !f.equals("message") && !f.equals("log.level")).toList());
        columns.setValue(new LinkedHashSet<>(ResultColumns.DEFAULT));
        columns.addValueChangeListener(e -> ResultColumns.configure(grid, e.getValue()));

        status.setId("search-status");
        tailButton.setId("live-tail");
        tailButton.addClickListener(e -> toggleTail());
        pauseButton.setId("live-tail-pause");
        pauseButton.setVisible(false);
        pauseButton.addClickListener(e -> togglePause());
        HorizontalLayout tools = new HorizontalLayout(status, columns, tailButton, pauseButton);
        tools.setWidthFull();
        tools.expand(status);
        tools.setAlignItems(FlexComponent.Alignment.CENTER);

        VerticalLayout center = new VerticalLayout(histogram, tools, grid);
        center.setPadding(false);
        center.setSizeFull();
        center.expand(grid);
        HorizontalLayout body = new HorizontalLayout(sidebar, center, detail);
        body.setSizeFull();
        body.expand(center);
        VerticalLayout page = new VerticalLayout(bar, body);
        page.setSizeFull();
        page.expand(body);
        add(page);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        run();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopTail();
    }

    private void run() {
        stopTail();
        String text = bar.query();
        try {
            search.validate(text);
            range = search.range(bar.from(), bar.to());
        } catch (QuerySyntaxException e) {
            error(e.getMessage());
            return;
        } catch (RuntimeException e) {
            error(e.getMessage());
            return;
        }
        query = text;
        detail.show(null);
        sidebar.refresh();
        TimeRange fixed = range;
        EventPager pager = new EventPager((cursor, size, fields) -> search.search(text, fixed, size, cursor, fields),
                MAX_GRID_ROWS);
        try {
            long total = pager.total();
            grid.setItems(q -> pager.fetch(q.getOffset(), q.getLimit()).stream(), q -> pager.rows());
            Histogram matches = search.histogram(text, fixed);
            histogram.setOption(HistogramOption.of(matches));
            NumberFormat format = NumberFormat.getIntegerInstance(Locale.ENGLISH);
            status.setText(format.format(total) + " events" + (total > MAX_GRID_ROWS ? " (the first "
                    + format.format(MAX_GRID_ROWS) + " can be scrolled; narrow the time range for more)" : ""));
            status.getElement().setAttribute("data-total", String.valueOf(total));
            saved.remember(text, bar.from(), bar.to());
        } catch (RuntimeException e) {
            error(e.getMessage());
        }
    }

    private void error(String message) {
        status.setText("");
        Notification notification = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setId("search-error");
    }

    private void zoom(Instant from, Instant to) {
        if (from.isBefore(to)) {
            bar.setAbsolute(from, to);
            run();
        }
    }

    private void filterIn(String field, String value) {
        String term = field + ":\"" + escape(value) + "\"";
        bar.setQuery(bar.query().isBlank() ? term : "(" + bar.query() + ") AND " + term);
        run();
    }

    private void filterOut(String field, String value) {
        String term = "NOT " + field + ":\"" + escape(value) + "\"";
        bar.setQuery(bar.query().isBlank() ? term : "(" + bar.query() + ") AND " + term);
        run();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void toggleTail() {
        if (tail != null) {
            stopTail();
            run();
            return;
        }
        UI ui = UI.getCurrent();
        try {
            tailRows.clear();
            grid.setItems(tailRows);
            tail = liveTail.start(bar.query(), batch -> ui.access(() -> deliver(batch)));
        } catch (RuntimeException e) {
            error(e.getMessage());
            return;
        }
        tailButton.setText("Stop live tail");
        tailButton.setIcon(VaadinIcon.STOP.create());
        tailButton.addThemeVariants(ButtonVariant.LUMO_ERROR);
        pauseButton.setVisible(true);
        status.setText("Live tail: waiting for new events…");
    }

    private void deliver(TailBatch batch) {
        if (batch.error() != null) {
            status.setText("Live tail: " + batch.error());
            return;
        }
        tailRows.addAll(0, batch.events().reversed());
        while (tailRows.size() > TAIL_ROWS) {
            tailRows.removeLast();
        }
        grid.getDataProvider().refreshAll();
        status.setText("Live tail: " + tailRows.size() + " newest events" + (batch.skipped() > 0
                ? "; skipped at least " + batch.skipped() + " (rate limit)" : ""));
        status.getElement().setAttribute("data-tail-count", String.valueOf(tailRows.size()));
    }

    private void togglePause() {
        if (tail == null) {
            return;
        }
        if (tail.paused()) {
            tail.resume();
            pauseButton.setText("Pause");
        } else {
            tail.pause();
            pauseButton.setText("Resume");
        }
    }

    private void stopTail() {
        if (tail != null) {
            tail.close();
            tail = null;
        }
        tailButton.setText("Live tail");
        tailButton.setIcon(VaadinIcon.PLAY.create());
        tailButton.removeThemeVariants(ButtonVariant.LUMO_ERROR);
        pauseButton.setVisible(false);
        pauseButton.setText("Pause");
    }
}
