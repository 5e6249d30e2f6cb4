package io.logwarden.analytics;

import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.SearchService;
import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.Roles;
import io.logwarden.storage.DocumentStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * User-built dashboards: saved per owner in {@code .logwarden-dashboards} and shared read-only with roles. Their
 * widgets' queries run like every other chart, within the viewing user's scope.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class CustomDashboardService {

    public static final String INDEX = ".logwarden-dashboards";
    /** Fields widgets may split or count by. */
    public static final List<String> FIELDS = List.of("log.level", "service.name", "service.environment", "host.name",
            "event.action", "event.category", "event.outcome", "audit.source", "audit.status", "audit.entity.type",
            "audit.entity.id", "error.type", "job.name", "job.state", "organization.id", "log.logger", "user.name");
    static final int MAX_DASHBOARDS = 1000;
    static final int MAX_WIDGETS = 24;
    private static final int TOP_SIZE = 10;

    private final DocumentStore store;
    private final AccessService access;
    private final AnalyticsService analytics;
    private final SearchService search;

    public CustomDashboardService(DocumentStore store, AccessService access, AnalyticsService analytics,
                                  SearchService search) {
        this.store = store;
        this.access = access;
        this.analytics = analytics;
        this.search = search;
    }

    /** Dashboards the user owns or that are shared with one of their roles, by title. */
    public List<DashboardDefinition> visible() {
        CurrentUser user = access.current();
        return store.findAll(INDEX, DashboardDefinition.class, MAX_DASHBOARDS).stream()
                .filter(d -> canView(d, user))
                .sorted(Comparator.comparing(DashboardDefinition::title, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public Optional<DashboardDefinition> find(String id) {
        CurrentUser user = access.current();
        return store.find(INDEX, id, DashboardDefinition.class).filter(d -> canView(d, user));
    }

    /**
     * Creates (id null) or replaces a dashboard; only its owner or an admin may replace it. Every widget's query must
     * pass Search's validation ({@link IllegalArgumentException} naming the widget otherwise).
     */
    public DashboardDefinition save(DashboardDefinition dashboard) {
        CurrentUser user = access.current();
        validate(dashboard);
        for (Widget widget : dashboard.widgets()) {
            try {
                search.validate(widget.query());
            } catch (QuerySyntaxException e) {
                throw new IllegalArgumentException("Widget '" + widget.title() + "': " + e.getMessage(), e);
            }
        }
        String owner = user.username();
        if (dashboard.id() != null) {
            DashboardDefinition existing = store.find(INDEX, dashboard.id(), DashboardDefinition.class)
                    .orElseThrow(() -> new IllegalArgumentException("No dashboard " + dashboard.id()));
            requireEditable(existing, user);
            owner = existing.owner();
        }
        DashboardDefinition saved = new DashboardDefinition(
                dashboard.id() == null ? UUID.randomUUID().toString() : dashboard.id(), dashboard.title().strip(),
                owner, dashboard.sharedWith(), dashboard.widgets(), Instant.now());
        store.save(INDEX, saved.id(), saved);
        return saved;
    }

    public void delete(String id) {
        CurrentUser user = access.current();
        store.find(INDEX, id, DashboardDefinition.class).ifPresent(existing -> {
            requireEditable(existing, user);
            store.delete(INDEX, id);
        });
    }

    public boolean canEdit(DashboardDefinition dashboard) {
        CurrentUser user = access.current();
        return dashboard.owner().equals(user.username()) || user.hasRole(Roles.ADMIN);
    }

    /**
     * Runs one widget's query over the range (validated like a search: {@link QuerySyntaxException} for a bad query,
     * storage's exceptions when Elasticsearch refuses or fails).
     */
    public WidgetData render(Widget widget, TimeRange range) {
        TimeRange widgetRange = new TimeRange(range.from(), range.to(), Lucene.and(range.query(), widget.query()));
        return switch (widget.type()) {
            case TIME_SERIES -> new WidgetData(widget, widget.field() == null ? analytics.volumeOverTime(widgetRange)
                    : analytics.volumeOverTime(widgetRange, widget.field()), null, null);
            case BAR_BREAKDOWN, TOP_VALUES_TABLE -> new WidgetData(widget, null,
                    analytics.top(widgetRange, widget.field(), widget.title(), TOP_SIZE), null);
            case SINGLE_NUMBER -> new WidgetData(widget, null, null, analytics.count(widgetRange));
        };
    }

    static void validate(DashboardDefinition dashboard) {
        if (dashboard.title() == null || dashboard.title().isBlank()) {
            throw new IllegalArgumentException("A dashboard needs a title");
        }
        if (dashboard.widgets().size() > MAX_WIDGETS) {
            throw new IllegalArgumentException("A dashboard holds at most " + MAX_WIDGETS + " widgets");
        }
        if (!Roles.ALL.containsAll(dashboard.sharedWith())) {
            throw new IllegalArgumentException("Unknown role in " + dashboard.sharedWith());
        }
        for (Widget widget : dashboard.widgets()) {
            if (widget.type() == null) {
                throw new IllegalArgumentException("Widget '" + widget.title() + "' needs a type");
            }
            boolean needsField = widget.type() == Widget.Type.BAR_BREAKDOWN
                    || widget.type() == Widget.Type.TOP_VALUES_TABLE;
            if (needsField && widget.field() == null) {
                throw new IllegalArgumentException("Widget '" + widget.title() + "' needs a field");
            }
            if (widget.field() != null && !FIELDS.contains(widget.field())) {
                throw new IllegalArgumentException("Widget '" + widget.title() + "' cannot use field "
                        + widget.field() + "; allowed: " + FIELDS);
            }
        }
    }

    private static boolean canView(DashboardDefinition dashboard, CurrentUser user) {
        return dashboard.owner().equals(user.username()) || user.hasRole(Roles.ADMIN)
                || dashboard.sharedWith().stream().anyMatch(user::hasRole);
    }

    private static void requireEditable(DashboardDefinition dashboard, CurrentUser user) {
        if (!dashboard.owner().equals(user.username()) && !user.hasRole(Roles.ADMIN)) {
            throw new AccessDeniedException("Only " + dashboard.owner() + " or an admin may change this dashboard");
        }
    }
}
