package io.logwarden.anomaly.ui;

import io.logwarden.anomaly.AnomalyEntity;
import java.util.ArrayList;
import java.util.List;

/** The Lucene query that finds the events behind an anomaly's entity, for the link to Search. */
final class AnomalyQueries {

    private AnomalyQueries() {
    }

    static String eventsOf(AnomalyEntity entity) {
        List<String> terms = new ArrayList<>();
        switch (entity.type()) {
            case "action" -> {
                if (entity.service() != null) {
                    terms.add(term("service.name", entity.service()));
                }
                terms.add(term("event.action", entity.name()));
            }
            case "host" -> terms.add(term("host.name", entity.name()));
            case "job" -> {
                terms.add(term("job.name", entity.name()));
                if (entity.id() != null) {
                    terms.add(term("job.id", entity.id()));
                }
            }
            default -> terms.add(term("service.name", entity.service() != null ? entity.service() : entity.name()));
        }
        return String.join(" AND ", terms);
    }

    private static String term(String field, String value) {
        return field + ":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
