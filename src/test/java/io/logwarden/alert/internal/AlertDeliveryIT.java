package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertStatus;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.Notification;
import io.logwarden.alert.NotificationPreferences;
import io.logwarden.alert.PersonalChannel;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.channel.HttpSender;
import io.logwarden.alert.internal.channel.InAppChannelProvider;
import io.logwarden.alert.internal.channel.SmsGatewayChannelProvider;
import io.logwarden.alert.internal.channel.TelegramChannelProvider;
import io.logwarden.alert.internal.channel.WebhookChannelProvider;
import io.logwarden.alert.internal.delivery.DeliveryOutbox;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.delivery.PendingDelivery;
import io.logwarden.security.AccessService;
import io.logwarden.storage.ScopeFilter;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Deliveries kept in Elasticsearch: outages of any length, restarts, recipients' preferences, PII per recipient. */
@LogwardenIntegrationTest
class AlertDeliveryIT {

    @Autowired
    ApplicationContext context;

    private AlertTestRig rig;

    @BeforeEach
    void start() {
        rig = new AlertTestRig(context);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private AlertRule firingRule() {
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        return rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(30), 0,
                NoiseControl.NONE);
    }

    @Test
    void an_outage_longer_than_the_retry_budget_then_recovery_delivers_exactly_once() {
        rig.hook.thenAnswer(503, 503, 503, 503, 503, 503);
        AlertRule rule = firingRule();
        DeliveryOutbox outbox = rig.outbox("a");

        assertThat(rig.run(rig.evaluator("a", outbox, false), rule, rig.t0)).containsExactly("FIRING:");
        assertThat(outbox.pending(rule.id())).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.nextAttemptAt()).isEqualTo(rig.t0.plusSeconds(1));
        });
        assertThat(outbox.dispatchDue(rig.t0.plusMillis(500))).as("not due yet").isEmpty();
        Instant at = rig.t0;
        for (long wait : new long[]{1, 2, 4, 8, 16}) {
            at = at.plusSeconds(wait);
            assertThat(outbox.dispatchDue(at)).singleElement().extracting(DeliveryResult::outcome)
                    .isEqualTo(DeliveryResult.Outcome.FAILED_TEMPORARY);
        }
        assertThat(rig.history(rule)).contains("delivery_failed").doesNotContain("notified");
        assertThat(rig.transitions(rule)).filteredOn(t -> t.state().equals("delivery_failed")).singleElement()
                .extracting(AlertTransition::message).asString().contains("still failing after 4 attempts");

        at = at.plusSeconds(30);
        assertThat(outbox.dispatchDue(at)).singleElement().extracting(DeliveryResult::outcome)
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(outbox.dispatchDue(at.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(outbox.pending(rule.id())).isEmpty();
        assertThat(rig.hook.requests()).hasSize(7)
                .extracting(r -> r.header(WebhookChannelProvider.DELIVERY_HEADER)).containsOnly(
                        rig.hook.requests().getFirst().header(WebhookChannelProvider.DELIVERY_HEADER));
        assertThat(rig.transitions(rule)).filteredOn(t -> t.state().equals("notified")).singleElement()
                .extracting(AlertTransition::message).asString().contains("delivered after 7 attempts");
        assertThat(rig.run(rig.evaluator("a", outbox, false), rule, at.plusSeconds(60))).as("still firing").isEmpty();
        assertThat(rig.hook.requests()).hasSize(7);
    }

    @Test
    void a_restart_during_the_back_off_loses_nothing_and_sends_once() {
        rig.hook.thenAnswer(500);
        AlertRule rule = firingRule();
        DeliveryOutbox before = rig.outbox("before-restart");
        assertThat(rig.run(rig.evaluator("before-restart", before, false), rule, rig.t0)).containsExactly("FIRING:");
        before.close(); // shutdown: nothing waits for the pending retry

        DeliveryOutbox after = rig.outbox("after-restart");
        assertThat(after.dispatchDue(rig.t0.plusSeconds(2))).singleElement().extracting(DeliveryResult::outcome)
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(after.dispatchDue(rig.t0.plusSeconds(60))).isEmpty();
        assertThat(rig.received()).containsExactly("FIRING:", "FIRING:");
        assertThat(rig.hook.requests()).as("the same delivery: failed, then delivered after the restart")
                .extracting(r -> r.header(WebhookChannelProvider.DELIVERY_HEADER))
                .containsOnly(rig.hook.requests().getFirst().header(WebhookChannelProvider.DELIVERY_HEADER));
    }

    @Test
    void a_delivery_claimed_by_a_crashed_instance_is_taken_over_when_the_claim_expires() {
        Notification n = new Notification("crash-" + rig.tag, "it-" + rig.tag, "crash", Severity.HIGH,
                AlertStatus.FIRING, "", null, null, Map.of(), "http://x/search", rig.t0, false);
        Instant claimedUntil = rig.t0.plusSeconds(40);
        rig.store.create(AlertIndices.OUTBOX, n.id() + "#0", new PendingDelivery(n.id() + "#0", "it-" + rig.tag,
                "crash", "high", "WEBHOOK", rig.webhook(), n, 0, rig.t0, rig.t0, "crashed-instance", claimedUntil,
                null, false));
        DeliveryOutbox survivor = rig.outbox("survivor");

        assertThat(survivor.dispatchDue(rig.t0.plusSeconds(10))).as("claimed by a live-looking instance").isEmpty();
        assertThat(survivor.dispatchDue(claimedUntil.plusSeconds(1))).singleElement()
                .extracting(DeliveryResult::outcome).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(rig.hook.requests()).hasSize(1);
    }

    @Test
    void a_permanent_failure_stops_retrying_and_is_recorded() {
        rig.hook.thenAnswer(404);
        AlertRule rule = firingRule();
        DeliveryOutbox outbox = rig.outbox("a");
        rig.run(rig.evaluator("a", outbox, false), rule, rig.t0);

        assertThat(outbox.pending(rule.id())).isEmpty();
        assertThat(outbox.dispatchDue(rig.t0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(rig.transitions(rule)).filteredOn(t -> t.state().equals("delivery_failed")).singleElement()
                .extracting(AlertTransition::message).asString().contains("failed permanently").contains("HTTP 404");
    }

    /** A router over the real preference store whose Telegram bot and SMS gateway are the local receiver. */
    private RecipientRouter personalRouter(DeliveryService[] delivery) {
        HttpSender http = new HttpSender(AlertTestRig.SETTINGS);
        ChannelRegistry registry = new ChannelRegistry(List.of(new WebhookChannelProvider(http, Clock.systemUTC()),
                new InAppChannelProvider(rig.bean(NotificationCentre.class)),
                new TelegramChannelProvider(http, rig.hook.url("/telegram"), "123456:ABCDEFGHIJKLMNOPQRSTUV"),
                new SmsGatewayChannelProvider(http, Map.of("url", rig.hook.url("/sms"),
                        "bodyTemplate", "To={{to}}&Body={{title}}"))));
        delivery[0] = new DeliveryService(registry, AlertTestRig.SETTINGS);
        PreferenceStore preferences = new PreferenceStore(rig.store, () -> true, () -> true, () -> true);
        return new RecipientRouter(rig.bean(AccessService.class)::user, preferences);
    }

    @Test
    void recipients_get_notifications_on_their_own_channels_for_the_severities_they_chose() {
        String alice = "alice-" + rig.tag;
        String narrow = "narrow-" + rig.tag;
        rig.user(alice, Set.of("OPERATIONS"), Set.of());
        rig.user(narrow, Set.of("OPERATIONS"), Set.of("web"));
        PreferenceStore preferences = new PreferenceStore(rig.store, () -> true, () -> true, () -> true);
        NotificationPreferences mine = new NotificationPreferences(alice, List.of(
                new PersonalChannel(PersonalChannel.Type.IN_APP, "", EnumSet.of(Severity.HIGH, Severity.CRITICAL)),
                new PersonalChannel(PersonalChannel.Type.TELEGRAM, "4242", EnumSet.of(Severity.HIGH)),
                new PersonalChannel(PersonalChannel.Type.SMS, "+15550001", EnumSet.of(Severity.CRITICAL))),
                Instant.now());
        assertThat(preferences.validate(mine)).isEmpty();
        preferences.save(mine);
        DeliveryService[] delivery = new DeliveryService[1];
        RecipientRouter router = personalRouter(delivery);
        DeliveryOutbox outbox = new DeliveryOutbox(rig.store, delivery[0], "a");
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag)));
        AlertRule rule = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(5), 0,
                NoiseControl.NONE, "admin", List.of(new ChannelConfig(ChannelType.IN_APP,
                        Map.of("users", alice + "," + narrow))));
        try {
            assertThat(rig.run(rig.evaluator("a", outbox, false, router), rule, rig.t0)).containsExactly("FIRING:");

            assertThat(rig.hook.requests()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/telegram/bot123456:ABCDEFGHIJKLMNOPQRSTUV/sendMessage");
                assertThat(AlertTestRig.JSON.readTree(r.body()).get("chat_id").asString()).isEqualTo("4242");
            });
            List<InAppNotification> inApp = rig.bean(NotificationCentre.class).list(alice, 10);
            assertThat(inApp).singleElement().satisfies(i -> assertThat(i.ruleId()).isEqualTo(rule.id()));
            assertThat(rig.bean(NotificationCentre.class).list(narrow, 10)).as("narrower scope: nothing").isEmpty();
            assertThat(rig.transitions(rule)).extracting(AlertTransition::message).anySatisfy(m -> assertThat(m)
                    .contains("IN_APP for " + narrow + " skipped").contains("may not see all of the rule's data"));
        } finally {
            outbox.close();
        }
    }

    @Test
    void personal_data_is_masked_for_owners_and_recipients_without_pii_access() {
        String ops = "ops-" + rig.tag;
        rig.user(ops, Set.of("OPERATIONS"), Set.of());
        for (int i = 0; i < 3; i++) {
            rig.event(rig.t0.minusSeconds(20 + i), Map.of("event", Map.of("action", rig.tag),
                    "user", Map.of("email", "jane.doe@example.org", "name", "jane")));
        }
        AlertRule base = rig.rule(RuleKind.COUNT_THRESHOLD, "event.action:" + rig.tag, "user.email",
                Duration.ofMinutes(5), 2, NoiseControl.NONE, ops, List.of(rig.webhook(),
                        new ChannelConfig(ChannelType.IN_APP, Map.of("users", ops + ",admin"))));
        AlertRule rule = new AlertRule(base.id(), base.name(), null, true, base.kind(), base.severity(), base.query(),
                null, "user.email", base.window(), 2.0, null, null, null, "{{group}} by {{last.user}}: {{count}}",
                base.channels(), ops, ScopeFilter.UNRESTRICTED, rig.t0, rig.t0);

        assertThat(rig.run(rig.evaluator("a"), rule, rig.t0)).as("the owner's view: masked")
                .containsExactly("FIRING:j***@example.org");
        assertThat(rig.store.get(AlertIndices.STATE, io.logwarden.alert.AlertState.idOf(rule.id(),
                "jane.doe@example.org"), io.logwarden.alert.AlertState.class)).as("grouped on the raw value")
                .isPresent();
        String body = rig.hook.requests().getFirst().body();
        assertThat(body).doesNotContain("jane.doe").doesNotContain("jane@").contains("j***@example.org")
                .contains("j***@example.org by j***: 3");
        assertThat(rig.bean(NotificationCentre.class).list(ops, 10)).singleElement().satisfies(n -> {
            assertThat(n.message()).isEqualTo("j***@example.org by j***: 3");
            assertThat(n.link()).doesNotContain("jane");
        });
        // admin was named by a PII-blind owner: admin gets the owner's (masked) view, nothing more
        assertThat(rig.bean(NotificationCentre.class).list("admin", 50)).filteredOn(n -> rule.id().equals(n.ruleId()))
                .singleElement().satisfies(n -> assertThat(n.message()).doesNotContain("jane.doe"));
    }
}
