package io.logwarden.export;

import java.util.List;

/**
 * Outcome of anonymising a data subject.
 *
 * @param matched    events found about the subject
 * @param updated    events rewritten
 * @param pseudonyms the keyed hashes that replaced the user id and email (what the audit trail records)
 * @param failures   events Elasticsearch refused to update, with the reason
 */
public record AnonymisationResult(long matched, long updated, List<String> pseudonyms, List<String> failures) {
}
