package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.Learning;
import io.logwarden.storage.AnomalyRecords;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds false-positive marks into the detectors. Marking only writes the review state to the anomaly document
 * ({@code learning: pending}), on whichever instance the user is; the instance running the detectors takes the
 * pending marks in at the start of its next cycle and writes back whether they were learned, and if not, why. So a
 * click never waits for a cycle, and the answer the user sees is the detector's own.
 */
@Component
class FeedbackApplier {

    private static final Logger log = LoggerFactory.getLogger(FeedbackApplier.class);
    private static final int PER_CYCLE = 500;

    private final AnomalyRecords records;

    FeedbackApplier(AnomalyRecords records) {
        this.records = records;
    }

    /** Applies the pending marks; returns how many were taken in (learned or not). */
    int apply(Detectors detectors) {
        List<Map<String, Object>> pending = records.findWhere(Map.of("feedback", "false_positive",
                "learning", AnomalyDocuments.lower(Learning.PENDING)), PER_CYCLE);
        for (Map<String, Object> doc : pending) {
            Anomaly a = AnomalyDocuments.fromDocument(doc);
            FeedbackOutcome outcome = detectors.learnNormal(a);
            records.update(a.id(), Map.of("learning",
                    AnomalyDocuments.lower(outcome.learned() ? Learning.LEARNED : Learning.NOT_LEARNED),
                    "learning_note", outcome.note()));
            if (!outcome.learned()) {
                log.info("False positive {} ({} {}) not learned: {}", a.id(), a.kind().id(), a.entity().key(),
                        outcome.note());
            }
        }
        return pending.size();
    }
}
