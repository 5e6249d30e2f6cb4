package io.logwarden.analytics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.logwarden.analytics.Lucene;
import io.logwarden.analytics.SummaryCard;
import io.logwarden.base.ui.SearchLink;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The row of 24 h figures with their change against the previous 24 h; a click opens the events in Search. */
final class SummaryCards extends Div {

    SummaryCards() {
        addClassName("summary-cards");
        setId("summary-cards");
    }

    /** The cards of the 24 hours up to {@code end}. */
    void show(List<SummaryCard> cards, Instant end, String query) {
        removeAll();
        NumberFormat integers = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        for (SummaryCard card : cards) {
            Span value = new Span(integers.format(card.value()));
            value.addClassName("summary-value");
            value.setId("total".equals(card.id()) ? "events-24h-total" : "summary-" + card.id());
            Span change = new Span(change(card));
            change.addClassName("summary-change");
            if (!Double.isNaN(card.changePercent())) {
                boolean worse = !"total".equals(card.id()) && !"users".equals(card.id()) && card.changePercent() > 0;
                change.addClassName(worse ? "change-worse" : "change-neutral");
            }
            Div box = new Div(new Span(card.label() + ", last 24 h"), value, change);
            box.addClassName("summary-card");
            box.getElement().setAttribute("data-card", card.id());
            box.addClickListener(e -> box.getUI().ifPresent(ui -> ui.navigate(SearchLink.SEARCH_ROUTE,
                    new SearchLink(Lucene.and(query, card.filter()), end.minus(Duration.ofHours(24)), end)
                            .parameters())));
            add(box);
        }
    }

    void showFailure(String message) {
        removeAll();
        Span text = new Span(message);
        text.addClassName("chart-failure");
        text.setId("summary-failure");
        Div box = new Div(new Span("Last 24 h"), text);
        box.addClassName("summary-card");
        add(box);
    }

    static String change(SummaryCard card) {
        double percent = card.changePercent();
        if (Double.isNaN(percent)) {
            return card.value() == 0 ? "no change vs previous 24 h" : "new vs previous 24 h (none before)";
        }
        return String.format(Locale.ENGLISH, "%+.1f%% vs previous 24 h (%d)", percent, card.previous());
    }
}
