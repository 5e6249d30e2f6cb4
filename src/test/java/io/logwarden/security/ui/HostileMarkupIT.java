package io.logwarden.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.dom.Element;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.HttpTestClient;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestElasticsearch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Log messages carrying HTML and JavaScript ({@code <script>}, {@code <img onerror>}) reach the search grid, the
 * event detail and the entity timeline as text: the cell and component texts equal the raw payload, and no element
 * of the rendered UI carries it as markup ({@code innerHTML}, {@link Html}). Browserless, with the real services.
 */
@LogwardenIntegrationTest
class HostileMarkupIT extends SpringBrowserlessTest {

    static final String SCRIPT = "<script>window.pwned=1</script>";
    static final String IMG = "<img src=x onerror=\"window.pwned=2\">";
    static final String ENTITY = "xss-order-1";

    /** Takes a bean so that the application (and its index templates) is up before the events are indexed. */
    @BeforeAll
    static void seed(@org.springframework.beans.factory.annotation.Autowired
                     io.logwarden.storage.DocumentStore started) {
        Instant now = Instant.now();
        StringBuilder bulk = new StringBuilder();
        String[] messages = {"payload " + SCRIPT, "payload " + IMG};
        for (int i = 0; i < messages.length; i++) {
            Instant at = now.minusSeconds(30 + i);
            bulk.append("{\"index\":{\"_index\":\"").append(IndexNames.eventsIndex(at)).append("\",\"_id\":\"xss-")
                    .append(i).append("\"}}\n").append("{\"@timestamp\":\"").append(at).append("\",\"message\":")
                    .append(json(messages[i])).append(",\"service\":{\"name\":\"xss-shop\"},\"log\":{\"level\":\"error\"},")
                    .append("\"event\":{\"action\":\"order.update\"},\"labels\":{\"note\":").append(json(IMG)).append("},")
                    .append("\"audit\":{\"entity\":{\"type\":\"order\",\"id\":\"").append(ENTITY).append("\"},")
                    .append("\"before\":{\"comment\":").append(json(SCRIPT)).append("},")
                    .append("\"after\":{\"comment\":").append(json(IMG)).append("}}}\n");
        }
        var response = new HttpTestClient(TestElasticsearch.url())
                .post("/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
        assertThat(response.body()).startsWith("{\"errors\":false");
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Every element of the UI, with what it would render as markup. */
    private static List<String> markupCarryingPayloads() {
        List<String> found = new ArrayList<>();
        walk(UI.getCurrent().getElement(), found);
        UI.getCurrent().getChildren().flatMap(HostileMarkupIT::descendants).filter(Html.class::isInstance)
                .forEach(c -> found.add("Html component " + c));
        return found;
    }

    private static Stream<Component> descendants(Component component) {
        return Stream.concat(Stream.of(component), component.getChildren().flatMap(HostileMarkupIT::descendants));
    }

    private static void walk(Element element, List<String> found) {
        Object inner = element.getProperty("innerHTML");
        if (inner != null && (inner.toString().contains("<script") || inner.toString().contains("onerror"))) {
            found.add(element.getTag() + " innerHTML " + inner);
        }
        element.getChildren().forEach(child -> walk(child, found));
    }

    private static String allText() {
        StringBuilder text = new StringBuilder();
        UI.getCurrent().getChildren().flatMap(HostileMarkupIT::descendants)
                .forEach(c -> text.append(c.getElement().getText()).append('\n'));
        return text.toString();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void search_grid_and_event_detail_show_markup_as_text() {
        navigate("search", Component.class);
        @SuppressWarnings("unchecked")
        Grid<Object> results = $(Grid.class).withId("search-results").single();
        var grid = test(results);
        int message = grid.getColumnPosition("message");
        List<String> cells = new ArrayList<>();
        int scriptRow = -1;
        for (int row = 0; row < grid.size(); row++) {
            cells.add(grid.getCellText(row, message));
            if (cells.getLast().equals("payload " + SCRIPT)) {
                scriptRow = row;
            }
        }
        // the default range (last 15 minutes) holds the payloads, shown character for character
        assertThat(cells).contains("payload " + SCRIPT, "payload " + IMG);

        grid.select(scriptRow);
        @SuppressWarnings("unchecked")
        Grid<Object> fields = $(Grid.class).withId("event-fields").single();
        var detail = test(fields);
        List<String> values = new ArrayList<>();
        for (int row = 0; row < detail.size(); row++) {
            values.add(detail.getCellText(row, 1));
        }
        assertThat(values).contains(IMG, "payload " + SCRIPT);
        assertThat(markupCarryingPayloads()).isEmpty();
    }

    @Test
    @WithMockUser(username = "admin", roles = "ADMIN")
    void the_entity_timeline_shows_messages_and_changes_as_text() {
        UI.getCurrent().navigate("search/timeline", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("kind", "ENTITY", "type", "order", "id", ENTITY)));
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("TimelineView");
        String text = allText();
        assertThat(text).contains("payload " + SCRIPT).contains("payload " + IMG).contains(IMG).contains(SCRIPT);
        assertThat(markupCarryingPayloads()).isEmpty();
    }
}
