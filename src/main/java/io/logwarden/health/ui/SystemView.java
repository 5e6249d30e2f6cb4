package io.logwarden.health.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.ByteSize;
import io.logwarden.health.ComponentHealth;
import io.logwarden.health.SystemService;
import io.logwarden.security.Roles;
import io.logwarden.storage.IndexInfo;
import io.logwarden.storage.NodeResources;
import io.logwarden.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.security.RolesAllowed;
import java.text.NumberFormat;
import java.util.Comparator;
import java.util.Locale;

/** Health of Logwarden's components, its indices, and disk and heap of Elasticsearch and of this JVM. */
@Route("system")
@PageTitle("System · Logwarden")
@Menu(order = 8.4, icon = "vaadin:server", title = "System")
@RolesAllowed(Roles.ADMIN)
class SystemView extends Main {

    private static final Logger LOG = LoggerFactory.getLogger(SystemView.class);

    private final SystemService system;
    private final Div components = new Div();
    private final Div resources = new Div();
    private final Grid<IndexInfo> indices = new Grid<>(IndexInfo.class, false);
    private final Span indicesFailure = new Span();

    SystemView(SystemService system) {
        this.system = system;
        addClassName("system-view");
        components.addClassName("summary-cards");
        components.setId("health-components");
        resources.addClassName("summary-cards");
        resources.setId("system-resources");
        NumberFormat integers = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        indices.setId("index-list");
        var name = indices.addColumn(IndexInfo::name).setHeader("Index").setSortable(true).setFlexGrow(3);
        indices.addColumn(i -> i.day() == null ? "" : i.day().toString()).setHeader("Day").setSortable(true)
                .setComparator(Comparator.comparing(IndexInfo::day, Comparator.nullsFirst(Comparator.naturalOrder())));
        indices.addColumn(i -> integers.format(i.docs())).setHeader("Documents")
                .setComparator(Comparator.comparingLong(IndexInfo::docs));
        indices.addColumn(i -> bytes(i.sizeBytes())).setHeader("Size")
                .setComparator(Comparator.comparingLong(IndexInfo::sizeBytes));
        indices.addColumn(IndexInfo::health).setHeader("Health");
        indices.sort(java.util.List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(name,
                SortDirection.ASCENDING)));
        indices.setAllRowsVisible(true);
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        indicesFailure.setId("index-list-failure");
        indicesFailure.addClassName("chart-failure");
        indicesFailure.setVisible(false);
        add(new H2("System"), refresh, new H3("Health"), components, new H3("Disk and heap"), resources,
                new H3("Indices"), indicesFailure, indices);
        load();
    }

    /** Each part on its own: while Elasticsearch is down the view still opens and says so where data is missing. */
    private void load() {
        components.removeAll();
        try {
            system.health().forEach(component -> components.add(healthCard(component)));
        } catch (RuntimeException e) {
            components.add(card("Health", unavailable(e)));
        }
        resources.removeAll();
        try {
            for (NodeResources node : system.elasticsearchNodes()) {
                resources.add(card("Elasticsearch " + node.name() + " disk",
                        bytes(node.diskTotalBytes() - node.diskFreeBytes()) + " used of "
                                + bytes(node.diskTotalBytes()) + " (" + bytes(node.diskFreeBytes()) + " free)"));
                resources.add(card("Elasticsearch " + node.name() + " heap",
                        bytes(node.heapUsedBytes()) + " of " + bytes(node.heapMaxBytes())));
            }
        } catch (RuntimeException e) {
            Div unavailable = card("Elasticsearch disk and heap", unavailable(e));
            unavailable.setId("system-resources-failure");
            resources.add(unavailable);
        }
        long[] heap = system.applicationHeap();
        resources.add(card("Logwarden heap", bytes(heap[0]) + " of " + bytes(heap[1])));
        try {
            indices.setItems(system.indices());
            indicesFailure.setVisible(false);
        } catch (RuntimeException e) {
            indices.setItems(java.util.List.of());
            indicesFailure.setText(unavailable(e));
            indicesFailure.setVisible(true);
        }
    }

    private static Div healthCard(ComponentHealth component) {
        Span level = new Span(component.level().name().toLowerCase(Locale.ROOT));
        level.getElement().getThemeList().add("badge");
        level.getElement().getThemeList().add(switch (component.level()) {
            case HEALTHY -> "success";
            case DEGRADED -> "warning";
            case UNHEALTHY -> "error";
        });
        Div card = new Div(new Span(component.name()), level, new Span(component.summary()));
        card.addClassName("summary-card");
        card.getElement().setAttribute("data-component", component.name());
        card.getElement().setAttribute("data-level", component.level().name());
        card.getElement().setAttribute("title", component.details().toString());
        return card;
    }

    /** A failure in words: Elasticsearch's own text stays in the log. */
    private static String unavailable(RuntimeException e) {
        LOG.warn("System view: {}", e.getMessage());
        return e instanceof StorageUnavailableException u ? "Elasticsearch is not available: " + u.action()
                : "Not available; the server log has the details.";
    }

    private static Div card(String label, String value) {
        Span text = new Span(value);
        text.addClassName("resource-value");
        Div card = new Div(new Span(label), text);
        card.addClassName("summary-card");
        return card;
    }

    private static String bytes(long bytes) {
        return ByteSize.format(bytes);
    }
}
