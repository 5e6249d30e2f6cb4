package io.logwarden.anomaly.internal;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.anomaly.AnomalyService;
import io.logwarden.anomaly.AnomalyStatus;
import io.logwarden.anomaly.SystemAnomalyScore;
import io.logwarden.storage.AnomalyRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
class DefaultAnomalyService implements AnomalyService {

    private final AnomalyRecords records;
    private final AnomalyCycle cycle;
    private final AnomalyProperties properties;
    private final Clock clock = Clock.systemUTC();

    DefaultAnomalyService(AnomalyRecords records, AnomalyCycle cycle, AnomalyProperties properties) {
        this.records = records;
        this.cycle = cycle;
        this.properties = properties;
    }

    @Override
    public List<Anomaly> list(Instant from, Instant to, double minScore, int max) {
        return records.search(from, to, minScore, max).stream().map(AnomalyDocuments::fromDocument).toList();
    }

    @Override
    public Optional<Anomaly> find(String id) {
        return records.find(id).map(AnomalyDocuments::fromDocument);
    }

    @Override
    public boolean acknowledge(String id) {
        return records.setFeedback(id, status(AnomalyStatus.ACKNOWLEDGED));
    }

    @Override
    public boolean markFalsePositive(String id) {
        Optional<Anomaly> anomaly = find(id);
        if (anomaly.isEmpty()) {
            return false;
        }
        if (anomaly.get().status() != AnomalyStatus.FALSE_POSITIVE) {
            cycle.learnNormal(anomaly.get());
        }
        return records.setFeedback(id, status(AnomalyStatus.FALSE_POSITIVE));
    }

    @Override
    public SystemAnomalyScore systemScore() {
        Instant to = clock.instant();
        return systemScore(to.minus(properties.systemScorePeriod()), to);
    }

    SystemAnomalyScore systemScore(Instant from, Instant to) {
        List<Anomaly> open = list(from, to, properties.reportThreshold(), 10_000).stream()
                .filter(a -> a.status() != AnomalyStatus.FALSE_POSITIVE).toList();
        double score = summarise(open, properties.mediumThreshold());
        return new SystemAnomalyScore(score, properties.severityOf(score), open.size(), from, to);
    }

    /** Highest score, plus 10 per tenfold of medium-or-higher anomalies beyond the first; capped at 100. */
    static double summarise(List<Anomaly> anomalies, double medium) {
        double max = anomalies.stream().mapToDouble(Anomaly::score).max().orElse(0);
        long serious = anomalies.stream().filter(a -> a.score() >= medium).count();
        double boost = serious > 1 ? 10 * Math.log10(serious) : 0;
        return Math.min(100, Math.round((max + boost) * 10) / 10.0);
    }

    private static String status(AnomalyStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
