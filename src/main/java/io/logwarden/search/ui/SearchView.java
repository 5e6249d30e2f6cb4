package io.logwarden.search.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.EChart;
import io.logwarden.search.ExploreService;
import io.logwarden.search.FoundEvent;
import io.logwarden.search.LiveTailService;
import io.logwarden.search.SampledField;
import io.logwarden.search.SavedSearchService;
import io.logwarden.search.SearchService;
import io.logwarden.search.SearchSnapshot;
import io.logwarden.search.TimeRange;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Search: query bar with history and saved searches, time range, histogram of matches (drag to zoom), results newest
 * first in a lazily loaded grid over every match, field sidebar with top values, event drawer, and live tail. The URL
 * ({@code search?q=&from=&to=&cols=}) is read on navigation and rewritten after every run, so links from dashboards,
 * anomalies, jobs and alerts open the filtered search and any search can be shared.
 */
@Route("search")
@PageTitle("Search · Logwarden")
@Menu(order = 1, icon = "vaadin:search", title = "Search")
@PermitAll
class SearchView extends Main implements BeforeEnterObserver {

    private final SearchService search;
    private final SavedSearchService saved;
    private final QueryBar bar;
    private final EChart histogram = new EChart();
    private final Grid<FoundEvent> grid = new Grid<>();
    private final FieldSidebar sidebar;
    private final EventDetail detail;
    private final Span status = new Span();
    private final MultiSelectComboBox<String> columns = new MultiSelectComboBox<>();
    private final LiveTailControls tail;
    private SearchSnapshot snapshot;
    private List<SampledField> presentFields = List.of();
    private TimeRange range;
    private String lastQuery = "";
    private String lastUrl;

    SearchView(SearchService search, LiveTailService liveTail, SavedSearchService saved, ExploreService explore) {
        this.search = search;
        this.saved = saved;
        addClassName("search-view");
        setSizeFull();
        bar = new QueryBar(saved, this::run, this::open, this::chosenColumns);
        sidebar = new FieldSidebar(field -> search.topValues(field, lastQuery, range, 10), this::filterIn,
                this::filterOut);
        detail = new EventDetail(explore, search::facetable, this::filterIn, this::filterOut);
        tail = new LiveTailControls(liveTail, grid, status, () -> lastQuery, this::run, this::error);

        histogram.setId("search-histogram");
        histogram.setHeight("160px");
        histogram.getElement().addEventListener("chart-brush", e -> zoom(
                Instant.ofEpochMilli(e.getEventData().get("event.detail.from").asLong()),
                Instant.ofEpochMilli(e.getEventData().get("event.detail.to").asLong())))
                .addEventData("event.detail.from").addEventData("event.detail.to");

        grid.setId("search-results");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        ResultColumns.configure(grid, ResultColumns.DEFAULT);
        grid.asSingleSelect().addValueChangeListener(e -> detail.show(e.getValue()));

        columns.setId("search-columns");
        columns.setPlaceholder("Columns");
        chooseColumns(ResultColumns.DEFAULT);
        columns.addValueChangeListener(e -> {
            ResultColumns.configure(grid, chosenColumns());
            if (e.isFromClient()) {
                writeUrl();
            }
        });

        status.setId("search-status");
        HorizontalLayout tools = new HorizontalLayout(status, columns, tail);
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

    /** Reads the search from the URL and runs it (also for a bare {@code /search}: the default range). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        SearchState state = SearchState.of(parameters);
        if (lastUrl != null && lastUrl.equals(state.url())) {
            return;
        }
        apply(state);
        run();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        tail.stop();
        closeSnapshot();
    }

    /** A remembered or saved search: its query, range and columns, run at once. */
    private void open(SearchState state) {
        apply(state);
        run();
    }

    private void apply(SearchState state) {
        bar.setQuery(state.query());
        bar.setRange(state.from(), state.to());
        chooseColumns(state.columns().isEmpty() ? ResultColumns.DEFAULT : state.columns());
    }

    private void run() {
        tail.stop();
        String text = bar.query();
        SearchSnapshot opened;
        try {
            TimeRange resolved = search.range(bar.from(), bar.to());
            opened = search.open(text, resolved);
            range = resolved;
        } catch (RuntimeException e) {
            error(e.getMessage());
            writeUrl();
            return;
        }
        closeSnapshot();
        snapshot = opened;
        lastQuery = text;
        detail.show(null);
        SearchSnapshot current = snapshot;
        grid.setItems(q -> rows(current, q.getOffset(), q.getLimit()),
                q -> (int) Math.min(current.total(), Integer.MAX_VALUE));
        UI ui = UI.getCurrent();
        current.onRestart(() -> ui.access(() -> {
            if (snapshot == current) {
                showTotal(current);
                grid.getDataProvider().refreshAll();
            }
        }));
        histogram.setOption(HistogramOption.of(current.histogram()));
        sidebar.show(current.fields());
        presentFields = current.fields();
        chooseColumns(chosenColumns());
        showTotal(current);
        saved.remember(text, bar.from(), bar.to());
        writeUrl();
    }

    private Stream<FoundEvent> rows(SearchSnapshot from, int offset, int limit) {
        try {
            return from.rows(offset, limit).stream();
        } catch (RuntimeException e) {
            error("Cannot read these rows: " + e.getMessage());
            return Stream.empty();
        }
    }

    private void showTotal(SearchSnapshot current) {
        long total = current.total();
        status.setText(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(total) + " events");
        status.getElement().setAttribute("data-total", String.valueOf(total));
    }

    /** The search as a URL, put in the address bar without a navigation. */
    private void writeUrl() {
        List<String> chosen = chosenColumns();
        String url = new SearchState(bar.query(), bar.from(), bar.to(),
                chosen.equals(ResultColumns.DEFAULT) ? List.of() : chosen).url();
        lastUrl = url;
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.beforeClientResponse(ui, context -> ui.getPage().getHistory().replaceState(null, url));
        }
    }

    private List<String> chosenColumns() {
        return new ArrayList<>(columns.getValue());
    }

    /** Offers every mapped field, the fields of the current results and the chosen ones; selects the chosen ones. */
    private void chooseColumns(List<String> chosen) {
        TreeSet<String> choices = new TreeSet<>(search.knownFields());
        presentFields.stream().map(SampledField::field).forEach(choices::add);
        choices.addAll(chosen);
        choices.removeAll(List.of("@timestamp", "message", "log.level"));
        columns.setItems(choices);
        columns.setValue(new LinkedHashSet<>(chosen));
    }

    private void closeSnapshot() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
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
        bar.setQuery(lastQuery.isBlank() ? term : "(" + lastQuery + ") AND " + term);
        run();
    }

    private void filterOut(String field, String value) {
        String term = "NOT " + field + ":\"" + escape(value) + "\"";
        bar.setQuery(lastQuery.isBlank() ? term : "(" + lastQuery + ") AND " + term);
        run();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
