package io.logwarden.alert.internal;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.channel.RecordingHttpServer;
import io.logwarden.alert.internal.delivery.DeliveryOutbox;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.security.AccessScope;
import io.logwarden.security.AccessService;
import io.logwarden.security.UserAccount;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.IndexNames;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.storage.VersionedDocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert feature's real parts from the test's application context (Elasticsearch store, counts, channels, PII
 * policy, recipients), assembled into evaluators and outboxes whose instance id, clock and retry settings the test
 * chooses, plus a real local webhook receiver.
 */
public final class AlertTestRig implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** 4 attempts before history says "still failing", back-off 1 s, 2 s, 4 s ... capped at 30 s. */
    public static final AlertProperties.Delivery SETTINGS = new AlertProperties.Delivery(4, Duration.ofSeconds(1),
            2.0, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), null, Duration.ofHours(1));

    public final VersionedDocumentStore store;
    public final DocumentStore documents;
    public final EventCounts counts;
    public final RecordingHttpServer hook;
    public final DeliveryService delivery;
    public final String tag = "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    public final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final ApplicationContext context;
    private final List<DeliveryOutbox> outboxes = new ArrayList<>();
    private final java.util.Set<String> ruleIds = new java.util.HashSet<>();

    public AlertTestRig(ApplicationContext context) {
        this.context = context;
        this.store = context.getBean(VersionedDocumentStore.class);
        this.documents = context.getBean(DocumentStore.class);
        this.counts = context.getBean(EventCounts.class);
        this.delivery = new DeliveryService(context.getBean(ChannelRegistry.class), SETTINGS);
        try {
            this.hook = new RecordingHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** An outbox of the named instance (a restart is a new instance). */
    public DeliveryOutbox outbox(String instance) {
        DeliveryOutbox outbox = new DeliveryOutbox(store, delivery, instance);
        outboxes.add(outbox);
        return outbox;
    }

    public RuleEvaluator evaluator(String instance) {
        return evaluator(instance, outbox(instance), false);
    }

    /** @param anomalyRecords also read the anomaly records in Elasticsearch (else only published anomalies) */
    public RuleEvaluator evaluator(String instance, DeliveryOutbox outbox, boolean anomalyRecords) {
        return evaluator(instance, outbox, anomalyRecords, bean(RecipientRouter.class));
    }

    public RuleEvaluator evaluator(String instance, DeliveryOutbox outbox, boolean anomalyRecords,
                                   RecipientRouter router) {
        RuleObserver observer = new RuleObserver(counts, bean(SignalBuffer.class), bean(HealthSignals.class),
                anomalyRecords ? bean(AnomalyScores.class) : null);
        return new RuleEvaluator(instance, store, observer, bean(AlertStateMachine.class),
                bean(NotificationEnricher.class), router, outbox, bean(AccessService.class)::user,
                bean(AlertMetrics.class), Duration.ofMinutes(2));
    }

    public ChannelConfig webhook() {
        return new ChannelConfig(ChannelType.WEBHOOK, Map.of("url", hook.url("/hook")));
    }

    public AlertRule rule(RuleKind kind, String query, String groupBy, Duration window, double threshold,
                          NoiseControl noise) {
        return rule(kind, query, groupBy, window, threshold, noise, "admin", List.of(webhook()));
    }

    public AlertRule rule(RuleKind kind, String query, String groupBy, Duration window, double threshold,
                          NoiseControl noise, String owner, List<ChannelConfig> channels) {
        return new AlertRule("it-" + tag + "-" + kind.name().toLowerCase(Locale.ROOT), kind + " " + tag, null, true,
                kind, Severity.HIGH, query, null, groupBy, window, threshold, Duration.ofMinutes(1), noise, null,
                "{{rule.name}} {{status}} for {{group}} value {{value}}", channels, owner, ScopeFilter.UNRESTRICTED,
                t0, t0);
    }

    public void event(Instant at, Map<String, Object> fields) {
        Map<String, Object> doc = new HashMap<>(fields);
        doc.put("@timestamp", at.toString());
        doc.putIfAbsent("message", "alert IT event " + tag);
        store.put(IndexNames.eventsIndex(at), UUID.randomUUID().toString(), doc);
    }

    /** Creates (or replaces) a user account with the given roles and services scope. */
    public void user(String name, Set<String> roles, Set<String> services) {
        documents.save(IndexNames.USERS, name, new UserAccount(name, "{noop}unused-" + tag, roles,
                new AccessScope(Set.of(), services, Set.of()), true, Instant.now()));
    }

    /** Evaluates and waits for the first delivery attempts; returns the statuses notified. */
    public List<String> run(RuleEvaluator evaluator, AlertRule rule, Instant now) {
        ruleIds.add(rule.id());
        RuleEvaluator.Outcome outcome = evaluator.evaluate(rule, now);
        outcome.deliveries().join();
        return outcome.notifications().stream().map(n -> n.status().name() + ":" + n.groupKey()).toList();
    }

    /** What the webhook received, as STATUS:group. */
    public List<String> received() {
        List<String> out = new ArrayList<>();
        for (RecordingHttpServer.Request r : hook.requests()) {
            JsonNode body = JSON.readTree(r.body());
            out.add(body.get("status").asString().toUpperCase(Locale.ROOT) + ":" + body.get("group").asString());
        }
        return out;
    }

    public List<JsonNode> receivedBodies() {
        return hook.requests().stream().map(r -> JSON.readTree(r.body())).toList();
    }

    public List<AlertTransition> transitions(AlertRule rule) {
        return store.search(IndexNames.pattern(IndexNames.ALERTS), Map.of("rule.id", rule.id()),
                        List.of(new VersionedDocumentStore.Sort("@timestamp", false)), 500, AlertTransition.class)
                .stream().map(VersionedDocumentStore.Versioned::document).toList();
    }

    public List<String> history(AlertRule rule) {
        return transitions(rule).stream().map(AlertTransition::state).toList();
    }

    /** Forgets deliveries this test left queued, so no other test's dispatch picks them up. */
    public void track(String ruleId) {
        ruleIds.add(ruleId);
    }

    @Override
    public void close() {
        hook.close();
        outboxes.forEach(DeliveryOutbox::close);
        ruleIds.add("it-" + tag);
        for (String ruleId : ruleIds) {
            store.search(AlertIndices.OUTBOX, Map.of("ruleId", ruleId), List.of(), 1000,
                    io.logwarden.alert.internal.delivery.PendingDelivery.class)
                    .forEach(v -> store.delete(AlertIndices.OUTBOX, v.id()));
        }
    }
}
