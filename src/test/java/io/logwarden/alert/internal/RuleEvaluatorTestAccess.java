package io.logwarden.alert.internal;

import io.logwarden.alert.AlertRule;
import io.logwarden.storage.DocumentStore;

/** Reads a stored rule with its secrets, as the scheduler does. */
public final class RuleEvaluatorTestAccess {

    public AlertRule load(DocumentStore documents, String id) {
        return documents.find(AlertIndices.RULES, id, AlertRule.class).orElseThrow();
    }
}
