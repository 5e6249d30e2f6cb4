package io.logwarden.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.internal.delivery.DeliveryOutbox;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email alerts through the application's own {@code spring.mail.*} wiring (Spring Boot's JavaMailSender, SMTP
 * authentication) into a real GreenMail server: delivery, a real SMTP rejection, and an outage then recovery.
 */
@LogwardenIntegrationTest
class AlertEmailIT {

    private static final int PORT = freePort();
    private static final String SMTP_USER = "alerts";
    private static final String SMTP_PASSWORD = "smtp-Secret-1";
    private static GreenMail smtp;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("spring.mail.username", () -> SMTP_USER);
        registry.add("spring.mail.password", () -> SMTP_PASSWORD);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "3000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "3000");
        registry.add("logwarden.alert.email.from", () -> "logwarden@example.org");
    }

    @Autowired
    ApplicationContext context;

    private AlertTestRig rig;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void startSmtp(String password) {
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, password));
        smtp.start();
    }

    private static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    @BeforeEach
    void start() {
        startSmtp(SMTP_PASSWORD);
        rig = new AlertTestRig(context);
    }

    @AfterEach
    void stop() {
        rig.close();
        stopSmtp();
    }

    @AfterAll
    static void shutdown() {
        stopSmtp();
    }

    private AlertRule emailRule() {
        rig.event(rig.t0.minusSeconds(10), Map.of("event", Map.of("action", rig.tag), "message",
                "card <declined> for order 42", "service", Map.of("name", "checkout")));
        AlertRule base = rig.rule(RuleKind.QUERY_MATCH, "event.action:" + rig.tag, null, Duration.ofMinutes(5), 0,
                NoiseControl.NONE, "admin", List.of(new ChannelConfig(ChannelType.EMAIL,
                        Map.of("to", "oncall@example.org"))));
        return new AlertRule(base.id(), base.name(), null, true, base.kind(), base.severity(), base.query(), null,
                null, base.window(), 0.0, null, null, "[{{severity}}] {{rule.name}}",
                "{{last.service}}: {{last.message}}\n{{link}}", base.channels(), "admin", base.scope(), rig.t0,
                rig.t0);
    }

    @Test
    void a_firing_rule_sends_an_email_through_the_configured_smtp_server() throws Exception {
        AlertRule rule = emailRule();
        assertThat(rig.run(rig.evaluator("a"), rule, rig.t0)).containsExactly("FIRING:");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[high] " + rule.name());
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("oncall@example.org");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("logwarden@example.org");
        assertThat(GreenMailUtil.getWholeMessage(received[0])).contains("checkout: card <declined> for order 42")
                .contains("checkout: card &lt;declined&gt; for order 42");
        assertThat(rig.history(rule)).contains("notified");
    }

    @Test
    void a_rejection_by_the_smtp_server_is_a_permanent_failure_recorded_in_the_history() {
        stopSmtp();
        startSmtp("another-password"); // the server now refuses Logwarden's credentials: 535
        AlertRule rule = emailRule();
        DeliveryOutbox outbox = rig.outbox("a");

        rig.run(rig.evaluator("a", outbox, false), rule, rig.t0);

        assertThat(outbox.pending(rule.id())).as("not retried").isEmpty();
        assertThat(rig.transitions(rule)).filteredOn(t -> t.state().equals("delivery_failed")).singleElement()
                .extracting(AlertTransition::message).asString().contains("failed permanently").contains("Authentication")
                .contains("535");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtp_down_then_up_delivers_the_email_exactly_once() {
        stopSmtp();
        AlertRule rule = emailRule();
        DeliveryOutbox outbox = rig.outbox("a");
        rig.run(rig.evaluator("a", outbox, false), rule, rig.t0);
        assertThat(outbox.pending(rule.id())).singleElement().satisfies(p -> assertThat(p.lastError())
                .isNotBlank());

        startSmtp(SMTP_PASSWORD);
        assertThat(outbox.dispatchDue(rig.t0.plusSeconds(1))).singleElement().extracting(DeliveryResult::outcome)
                .isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(outbox.dispatchDue(rig.t0.plusSeconds(60))).isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }
}
