package io.logwarden.export;

import java.util.List;

/**
 * What a job reads, fixed at submission so that a resumed job reads exactly the same: event indices with the query
 * interpreted as Search interpreted it then (default fields, leading wildcards), the person of a data-subject
 * request, or the table of a dashboard widget.
 *
 * @param indices          indices, aliases or patterns scanned (empty for a widget)
 * @param queryFields      Search's default fields for terms without a field name
 * @param leadingWildcards whether {@code *foo} terms were allowed
 * @param subject          the person of a data-subject export, else null
 * @param widget           the rows of a widget export, else null
 */
public record ExportSource(List<String> indices, List<String> queryFields, boolean leadingWildcards,
                           DataSubject subject, WidgetTable widget) {

    public ExportSource {
        indices = indices == null ? List.of() : List.copyOf(indices);
        queryFields = queryFields == null ? List.of() : List.copyOf(queryFields);
    }

    public static ExportSource search(List<String> indices, List<String> queryFields, boolean leadingWildcards) {
        return new ExportSource(indices, queryFields, leadingWildcards, null, null);
    }

    public static ExportSource dataSubject(List<String> indices, DataSubject subject) {
        return new ExportSource(indices, List.of(), false, subject, null);
    }

    public static ExportSource widget(WidgetTable table) {
        return new ExportSource(List.of(), List.of(), false, null, table);
    }

    /** The same source with the subject replaced (by its pseudonyms, once the job has ended). */
    public ExportSource withSubject(DataSubject newSubject) {
        return new ExportSource(indices, queryFields, leadingWildcards, newSubject, widget);
    }

    /** The same source without the widget's rows (they are in the file; the record keeps only the columns). */
    public ExportSource withoutWidgetRows() {
        return widget == null ? this : new ExportSource(indices, queryFields, leadingWildcards, subject,
                new WidgetTable(widget.dashboardId(), widget.widgetIndex(), widget.title(), widget.type(),
                        widget.columns(), java.util.List.of()));
    }
}
