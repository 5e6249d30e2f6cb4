package io.logwarden.event.internal;

import io.logwarden.event.EcsFields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to do with each input key, precomputed from {@link EcsFields}: one hash lookup per field instead of alias,
 * dropped, known and prefix lookups. Top-level keys are looked up as sent (aliases apply); keys inside a schema
 * object are looked up by their dotted path (aliases never contain a dot, so they cannot match there). Keys with no
 * route become labels.
 */
public final class FieldRoutes {

    /** What happens to a key's value (when it is not an object under a {@link Route#prefix() prefix}). */
    public enum Action { LABEL, DROP, TIMESTAMP, LABELS_OBJECT, KNOWN }

    /**
     * @param id     dense number of this route (for duplicate-key detection)
     * @param prefix an object value here is walked into (it is a proper prefix of schema fields)
     * @param action what to do otherwise
     * @param field  the schema field for {@link Action#KNOWN}
     */
    public record Route(int id, boolean prefix, Action action, KnownField field) {
    }

    /**
     * A schema field: its slot, its dotted path split into object names, and how its value is coerced.
     *
     * @param slot index into the document's value slots; fields are numbered in {@link #outputOrder()}
     */
    public record KnownField(int slot, String path, String[] segments, EcsFields.Kind kind) {
        boolean isTags() {
            return path.equals(EcsFields.TAGS);
        }

        boolean isLevel() {
            return path.equals(EcsFields.LEVEL);
        }

        boolean isMessage() {
            return path.equals(EcsFields.MESSAGE);
        }

        boolean isLowerCased() {
            return EcsFields.LOWER_CASED.contains(path);
        }
    }

    private static final List<KnownField> OUTPUT_ORDER;
    private static final Map<String, KnownField> FIELDS = new HashMap<>();
    private static final Map<String, Route> ROUTES = new HashMap<>();

    static {
        // Sorted paths keep every object's fields contiguous ("a.b" sorts among all "a." keys), so the document
        // can be written in one pass; event.ingested is written from the receive time, not from a slot's input.
        List<String> paths = new ArrayList<>(EcsFields.KNOWN.keySet());
        paths.add(EcsFields.INGESTED);
        paths.sort(Comparator.naturalOrder());
        List<KnownField> order = new ArrayList<>();
        for (String path : paths) {
            EcsFields.Kind kind = path.equals(EcsFields.INGESTED) ? EcsFields.Kind.STRING : EcsFields.KNOWN.get(path);
            KnownField field = new KnownField(order.size(), path, path.split("\\."), kind);
            order.add(field);
            FIELDS.put(path, field);
        }
        OUTPUT_ORDER = List.copyOf(order);
        for (String path : EcsFields.KNOWN.keySet()) {
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                route(path.substring(0, dot), true, Action.LABEL, null);
            }
        }
        route("ecs", true, Action.LABEL, null);
        route("event", true, Action.LABEL, null);
        for (String dropped : EcsFields.DROPPED) {
            route(dropped, false, Action.DROP, null);
        }
        route(EcsFields.TIMESTAMP, false, Action.TIMESTAMP, null);
        route(EcsFields.LABELS, false, Action.LABELS_OBJECT, null);
        for (String path : EcsFields.KNOWN.keySet()) {
            route(path, false, Action.KNOWN, FIELDS.get(path));
        }
        EcsFields.ALIASES.forEach((alias, path) -> {
            if (alias.indexOf('.') >= 0) {
                throw new IllegalStateException("aliases must not contain a dot: " + alias);
            }
            route(alias, false, Action.KNOWN, FIELDS.get(path));
        });
    }

    /** Adds or completes a route: a prefix that is also a field or alias (e.g. {@code host}) keeps both roles. */
    private static void route(String key, boolean prefix, Action action, KnownField field) {
        Route existing = ROUTES.get(key);
        if (existing == null) {
            ROUTES.put(key, new Route(ROUTES.size(), prefix, action, field));
        } else {
            ROUTES.put(key, new Route(existing.id(), existing.prefix() || prefix,
                    action == Action.LABEL ? existing.action() : action, field != null ? field : existing.field()));
        }
    }

    private FieldRoutes() {
    }

    /** The route of a top-level key or of a dotted path inside schema objects; {@code null}: a label. */
    public static Route of(String key) {
        return ROUTES.get(key);
    }

    public static int routeCount() {
        return ROUTES.size();
    }

    /** Every schema field plus {@code event.ingested}, sorted by path. */
    public static List<KnownField> outputOrder() {
        return OUTPUT_ORDER;
    }

    public static KnownField field(String path) {
        return FIELDS.get(path);
    }
}
