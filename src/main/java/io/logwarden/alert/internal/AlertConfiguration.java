package io.logwarden.alert.internal;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.AlertRuleService;
import io.logwarden.alert.AlertService;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.NotificationService;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.channel.ChatWebhookChannelProvider;
import io.logwarden.alert.internal.channel.EmailChannelProvider;
import io.logwarden.alert.internal.channel.HttpSender;
import io.logwarden.alert.internal.channel.InAppChannelProvider;
import io.logwarden.alert.internal.channel.SecretReferences;
import io.logwarden.alert.internal.channel.SmsGatewayChannelProvider;
import io.logwarden.alert.internal.channel.TelegramChannelProvider;
import io.logwarden.alert.internal.channel.WebhookChannelProvider;
import io.logwarden.alert.internal.delivery.DeliveryOutbox;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.audit.AuditService;
import io.logwarden.health.HealthService;
import io.logwarden.security.AccessService;
import io.logwarden.security.PiiMasker;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.VersionedDocumentStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Wires the alert feature. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);
    private static final Clock CLOCK = Clock.systemUTC();
    /** This instance's id in leases, claims and shared health samples. */
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    @Bean
    SignalBuffer alertSignalBuffer() {
        return new SignalBuffer();
    }

    @Bean
    NotificationCentre notificationCentre(VersionedDocumentStore store, ApplicationEventPublisher events) {
        return new NotificationCentre(store, events, CLOCK);
    }

    @Bean
    HttpSender alertHttpSender(AlertProperties properties) {
        return new HttpSender(properties.delivery());
    }

    @Bean
    EmailChannelProvider alertEmailChannel(AlertProperties properties, ObjectProvider<JavaMailSender> mail) {
        return new EmailChannelProvider(mail::getIfAvailable, properties.email().from());
    }

    @Bean
    TelegramChannelProvider alertTelegramChannel(AlertProperties properties, HttpSender http) {
        return new TelegramChannelProvider(http, properties.telegram().baseUrl(), properties.telegram().botToken());
    }

    @Bean
    SmsGatewayChannelProvider alertSmsChannel(AlertProperties properties, HttpSender http) {
        return new SmsGatewayChannelProvider(http, properties.sms().asSettings());
    }

    @Bean
    ChannelRegistry alertChannelRegistry(HttpSender http, EmailChannelProvider email,
                                         TelegramChannelProvider telegram, SmsGatewayChannelProvider sms,
                                         NotificationCentre centre) {
        return new ChannelRegistry(List.of(email, new WebhookChannelProvider(http, CLOCK),
                new ChatWebhookChannelProvider(ChannelType.SLACK, http),
                new ChatWebhookChannelProvider(ChannelType.TEAMS, http),
                new ChatWebhookChannelProvider(ChannelType.DISCORD, http), telegram, sms,
                new InAppChannelProvider(centre)), SecretReferences.system());
    }

    @Bean
    AlertMetrics alertMetrics(ObjectProvider<MeterRegistry> meters) {
        return new AlertMetrics(meters.getIfAvailable());
    }

    @Bean
    DeliveryService alertDeliveryService(ChannelRegistry channels, AlertProperties properties, AlertMetrics metrics) {
        DeliveryService delivery = new DeliveryService(channels, properties.delivery());
        delivery.onResult(metrics::delivery);
        return delivery;
    }

    @Bean(destroyMethod = "close")
    DeliveryOutbox alertDeliveryOutbox(VersionedDocumentStore store, DeliveryService delivery) {
        return new DeliveryOutbox(store, delivery, INSTANCE);
    }

    @Bean
    AlertLinks alertLinks(AlertProperties properties) {
        return new AlertLinks(properties.publicBaseUrl());
    }

    @Bean
    AlertStateMachine alertStateMachine(AlertLinks links) {
        return new AlertStateMachine(links);
    }

    @Bean
    HealthSignals alertHealthSignals(VersionedDocumentStore store, AlertProperties properties) {
        Duration freshness = properties.healthPollInterval().multipliedBy(3);
        return new HealthSignals(store, INSTANCE, freshness.compareTo(Duration.ofMinutes(3)) < 0
                ? Duration.ofMinutes(3) : freshness);
    }

    @Bean
    FeatureSignalBridge alertFeatureSignalBridge(ApplicationEventPublisher events, HealthService health,
                                                 ObjectProvider<MeterRegistry> meters, HealthSignals signals) {
        return new FeatureSignalBridge(events, health, new SearchLatencyProbe(meters.getIfAvailable()), signals,
                CLOCK);
    }

    @Bean
    RuleObserver alertRuleObserver(EventCounts counts, SignalBuffer signals, HealthSignals health,
                                   AnomalyScores anomalyScores) {
        return new RuleObserver(counts, signals, health, anomalyScores);
    }

    @Bean
    PreferenceStore alertPreferenceStore(VersionedDocumentStore store, ObjectProvider<JavaMailSender> mail,
                                         TelegramChannelProvider telegram, SmsGatewayChannelProvider sms) {
        return new PreferenceStore(store, () -> mail.getIfAvailable() != null, telegram::hasDefaultToken,
                sms::hasDefaultGateway);
    }

    @Bean
    RecipientRouter alertRecipientRouter(AccessService access, PreferenceStore preferences) {
        return new RecipientRouter(access::user, preferences);
    }

    @Bean
    NotificationEnricher alertNotificationEnricher(EventCounts counts, PiiMasker masker, AlertLinks links) {
        return new NotificationEnricher(counts, masker, links);
    }

    @Bean
    RuleEvaluator ruleEvaluator(VersionedDocumentStore store, RuleObserver observer, AlertStateMachine machine,
                                NotificationEnricher enricher, RecipientRouter router, DeliveryOutbox outbox,
                                AccessService access, AlertMetrics metrics, AlertProperties properties) {
        return new RuleEvaluator(INSTANCE, store, observer, machine, enricher, router, outbox, access::user, metrics,
                properties.leaseDuration());
    }

    @Bean
    RuleValidator ruleValidator(ChannelRegistry channels, EventCounts counts, FeatureSignalBridge bridge,
                                SignalBuffer signals, RecipientRouter router) {
        return new RuleValidator(channels, counts, () -> bridge.components(signals), router);
    }

    @Bean
    TestNotifications alertTestNotifications(DeliveryService delivery, RecipientRouter router, AlertLinks links) {
        return new TestNotifications(delivery, router, links);
    }

    @Bean
    AlertRuleService alertRuleService(VersionedDocumentStore store, RuleValidator validator, RuleObserver observer,
                                      EventCounts counts, TestNotifications tests, NotificationEnricher enricher,
                                      AccessService access, AuditService audit, AlertLinks links) {
        return new AlertRuleService(store, validator, observer, counts, tests, enricher, access, audit, links, CLOCK);
    }

    @Bean
    AlertService alertService(VersionedDocumentStore store, AlertRuleService rules, NotificationEnricher enricher,
                              AccessService access, AuditService audit) {
        return new AlertService(store, rules, enricher, access, audit, CLOCK);
    }

    @Bean
    NotificationService notificationService(NotificationCentre centre, PreferenceStore preferences,
                                            AccessService access, AuditService audit) {
        return new NotificationService(centre, preferences, access, audit, CLOCK);
    }

    @Bean
    AlertScheduler alertScheduler(AlertRuleService rules, RuleEvaluator evaluator, DeliveryOutbox outbox,
                                  FeatureSignalBridge bridge, NotificationCentre centre, AlertProperties properties) {
        return new AlertScheduler(AlertScheduler.jobs(properties.enabled(), properties.evaluationInterval(),
                () -> evaluator.evaluateDue(rules.allRules(), CLOCK.instant()),
                properties.delivery().pollInterval(), () -> outbox.dispatchDue(CLOCK.instant()),
                properties.healthPollInterval(), bridge::pollHealth,
                () -> centre.prune(CLOCK.instant().minus(properties.notificationRetention()))));
    }

    @Bean
    ApplicationRunner defaultAlertRules(VersionedDocumentStore store, AlertProperties properties) {
        return args -> {
            if (properties.installDefaultRules()) {
                int created = DefaultRules.install(store, CLOCK.instant());
                if (created > 0) {
                    log.info("Installed {} default alert rules (disabled until a channel is set)", created);
                }
            }
        };
    }
}
