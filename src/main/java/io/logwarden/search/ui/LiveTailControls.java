package io.logwarden.search.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.logwarden.search.FoundEvent;
import io.logwarden.search.LiveTail;
import io.logwarden.search.LiveTailService;
import io.logwarden.search.TailBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live tail toggle and its pause button: streams new events matching the last search that ran into the grid
 * (newest on top, at most {@value #TAIL_ROWS} rows), pushed by the server one batch per poll.
 */
class LiveTailControls extends HorizontalLayout {

    static final int TAIL_ROWS = 500;

    private final LiveTailService liveTail;
    private final Grid<FoundEvent> grid;
    private final Span status;
    private final Supplier<String> lastQuery;
    private final Runnable onStop;
    private final Consumer<String> onError;
    private final Button tailButton = new Button("Live tail", VaadinIcon.PLAY.create());
    private final Button pauseButton = new Button("Pause", VaadinIcon.PAUSE.create());
    private final List<FoundEvent> rows = new ArrayList<>();
    private LiveTail tail;

    /**
     * @param lastQuery the query of the last search that ran (what the tail follows)
     * @param onStop    what to show when the user stops the tail (the search again)
     */
    LiveTailControls(LiveTailService liveTail, Grid<FoundEvent> grid, Span status, Supplier<String> lastQuery,
                     Runnable onStop, Consumer<String> onError) {
        this.liveTail = liveTail;
        this.grid = grid;
        this.status = status;
        this.lastQuery = lastQuery;
        this.onStop = onStop;
        this.onError = onError;
        setPadding(false);
        tailButton.setId("live-tail");
        tailButton.addClickListener(e -> toggle());
        pauseButton.setId("live-tail-pause");
        pauseButton.setVisible(false);
        pauseButton.addClickListener(e -> togglePause());
        add(tailButton, pauseButton);
    }

    boolean running() {
        return tail != null;
    }

    private void toggle() {
        if (tail != null) {
            stop();
            onStop.run();
            return;
        }
        UI ui = UI.getCurrent();
        try {
            rows.clear();
            grid.setItems(rows);
            tail = liveTail.start(lastQuery.get(), batch -> ui.access(() -> deliver(batch)));
        } catch (RuntimeException e) {
            onError.accept(e.getMessage());
            return;
        }
        tailButton.setText("Stop live tail");
        tailButton.setIcon(VaadinIcon.STOP.create());
        tailButton.addThemeVariants(ButtonVariant.LUMO_ERROR);
        pauseButton.setVisible(true);
        status.setText("Live tail of \"" + lastQuery.get() + "\": waiting for new events…");
        status.getElement().setAttribute("data-tail-count", "0");
    }

    private void deliver(TailBatch batch) {
        if (tail == null) {
            return;
        }
        if (batch.error() != null) {
            status.setText("Live tail: " + batch.error());
            return;
        }
        rows.addAll(0, batch.events().reversed());
        while (rows.size() > TAIL_ROWS) {
            rows.removeLast();
        }
        grid.getDataProvider().refreshAll();
        status.setText("Live tail: " + rows.size() + " newest events" + (batch.skipped() > 0
                ? "; skipped at least " + batch.skipped() + " (rate limit)" : ""));
        status.getElement().setAttribute("data-tail-count", String.valueOf(rows.size()));
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

    /** Ends a running tail (a new search, leaving the view). */
    void stop() {
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
