package io.logwarden.analytics;

/**
 * One widget of a user-built dashboard.
 *
 * @param title shown above it
 * @param type  how it shows its data
 * @param query Lucene query selecting its events (blank: all events in the user's scope)
 * @param field the field it splits or counts by: optional for {@link Type#TIME_SERIES} (split), required for
 *              {@link Type#BAR_BREAKDOWN} and {@link Type#TOP_VALUES_TABLE}, unused for {@link Type#SINGLE_NUMBER};
 *              one of {@link CustomDashboardService#FIELDS}
 */
public record Widget(String title, Type type, String query, String field) {

    public enum Type {
        TIME_SERIES("Time series"),
        BAR_BREAKDOWN("Bar breakdown"),
        TOP_VALUES_TABLE("Table of top values"),
        SINGLE_NUMBER("Single number");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Widget {
        title = title == null ? "" : title.strip();
        query = query == null ? "" : query.strip();
        field = field == null || field.isBlank() ? null : field.strip();
    }
}
