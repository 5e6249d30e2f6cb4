package io.logwarden.alert.internal;

import io.logwarden.alert.AlertProperties;
import io.logwarden.alert.AlertRuleService;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.internal.channel.ChannelProvider;
import io.logwarden.alert.internal.channel.ChannelRegistry;
import io.logwarden.alert.internal.channel.ChatWebhookChannelProvider;
import io.logwarden.alert.internal.channel.EmailChannelProvider;
import io.logwarden.alert.internal.channel.HttpSender;
import io.logwarden.alert.internal.channel.InAppChannelProvider;
import io.logwarden.alert.internal.channel.SmsGatewayChannelProvider;
import io.logwarden.alert.internal.channel.TelegramChannelProvider;
import io.logwarden.alert.internal.channel.WebhookChannelProvider;
import io.logwarden.alert.internal.delivery.DeliveryService;
import io.logwarden.alert.internal.delivery.Sleeper;
import io.logwarden.alert.internal.rule.AlertStateMachine;
import io.logwarden.security.AccessService;
import io.logwarden.storage.AnomalyScores;
import io.logwarden.storage.EventCounts;
import io.logwarden.storage.VersionedDocumentStore;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Wires the alert feature. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);

    @Bean
    SignalBuffer alertSignalBuffer() {
        return new SignalBuffer();
    }

    @Bean
    NotificationCentre notificationCentre(VersionedDocumentStore store, ApplicationEventPublisher events) {
        return new NotificationCentre(store, events);
    }

    @Bean
    ChannelRegistry alertChannelRegistry(AlertProperties properties, ObjectProvider<JavaMailSender> mail,
                                         NotificationCentre centre) {
        HttpSender http = new HttpSender(properties.delivery());
        List<ChannelProvider> providers = List.of(
                new EmailChannelProvider(mail::getIfAvailable, properties.email().from()),
                new WebhookChannelProvider(http, Clock.systemUTC()),
                new ChatWebhookChannelProvider(ChannelType.SLACK, http),
                new ChatWebhookChannelProvider(ChannelType.TEAMS, http),
                new ChatWebhookChannelProvider(ChannelType.DISCORD, http),
                new TelegramChannelProvider(http, properties.telegram().baseUrl()),
                new SmsGatewayChannelProvider(http),
                new InAppChannelProvider(centre));
        return new ChannelRegistry(providers);
    }

    @Bean(destroyMethod = "close")
    DeliveryService alertDeliveryService(ChannelRegistry channels, AlertProperties properties,
                                         ObjectProvider<MeterRegistry> meters) {
        DeliveryService delivery = new DeliveryService(channels, properties.delivery(), Sleeper.REAL);
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            delivery.onResult(result -> registry.counter("logwarden.alert.deliveries",
                    "channel", result.channel().name().toLowerCase(java.util.Locale.ROOT),
                    "outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT)).increment());
        }
        return delivery;
    }

    @Bean
    AlertStateMachine.LinkBuilder alertLinks(AlertProperties properties) {
        String base = properties.publicBaseUrl().replaceAll("/+$", "");
        return (rule, group, from, to) -> {
            String query = rule.query();
            if (rule.groupBy() != null && group != null && !group.isEmpty()) {
                String term = rule.groupBy() + ":\"" + group.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                query = query.isBlank() ? term : "(" + query + ") AND " + term;
            }
            return base + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                    + "&from=" + from + "&to=" + to;
        };
    }

    @Bean
    AlertStateMachine alertStateMachine(AlertStateMachine.LinkBuilder links) {
        return new AlertStateMachine(links);
    }

    @Bean
    RuleEvaluator ruleEvaluator(VersionedDocumentStore store, EventCounts counts, SignalBuffer signals,
                                AlertStateMachine machine, DeliveryService delivery, AlertProperties properties,
                                AnomalyScores anomalyScores) {
        String instance = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
        return new RuleEvaluator(instance, store, counts, signals, machine, delivery, properties.leaseDuration())
                .withAnomalyScores(anomalyScores);
    }

    @Bean
    RuleValidator ruleValidator(ChannelRegistry channels, EventCounts counts) {
        return new RuleValidator(channels, counts);
    }

    @Bean
    AlertRuleService alertRuleService(VersionedDocumentStore store, RuleValidator validator, RuleEvaluator evaluator,
                                      EventCounts counts, DeliveryService delivery, NotificationCentre centre,
                                      AccessService access, AlertStateMachine.LinkBuilder links) {
        return new AlertRuleService(store, validator, evaluator, counts, delivery, centre, access, links,
                Clock.systemUTC());
    }

    @Bean
    AlertScheduler alertScheduler(AlertRuleService rules, RuleEvaluator evaluator, AlertProperties properties) {
        return new AlertScheduler(rules, evaluator, properties.evaluationInterval(), Clock.systemUTC(),
                properties.enabled());
    }

    @Bean
    ApplicationRunner defaultAlertRules(VersionedDocumentStore store, AlertProperties properties) {
        return args -> {
            if (properties.installDefaultRules()) {
                int created = DefaultRules.install(store, Clock.systemUTC().instant());
                if (created > 0) {
                    log.info("Installed {} default alert rules (disabled until a channel is set)", created);
                }
            }
        };
    }
}
