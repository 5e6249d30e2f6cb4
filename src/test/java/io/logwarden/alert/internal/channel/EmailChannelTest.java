package io.logwarden.alert.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.DeliveryResult.Outcome;
import io.logwarden.alert.PermanentDeliveryException;
import io.logwarden.alert.TemporaryDeliveryException;
import io.logwarden.alert.internal.delivery.DeliveryService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class EmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP);

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        return sender;
    }

    private static final ChannelConfig CONFIG = new ChannelConfig(ChannelType.EMAIL,
            Map.of("to", "ops@example.org, oncall@example.org"));

    @Test
    void sends_text_and_html_with_escaped_values_to_every_recipient() throws Exception {
        EmailChannelProvider provider = new EmailChannelProvider(
                () -> sender(greenMail.getSmtp().getPort()), "logwarden@example.org");
        assertThat(provider.validate(CONFIG)).isEmpty();
        assertThat(provider.unavailable()).isEmpty();
        assertThat(ChannelTestSupport.driver(provider).deliver(CONFIG,
                ChannelTestSupport.notification("Saw {{event.message}}")).delivered()).isTrue();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("[high] Payments failing");
        assertThat(message.getFrom()[0].toString()).isEqualTo("logwarden@example.org");
        assertThat(message.getHeader("X-Logwarden-Delivery")[0]).isEqualTo("n-1");
        String raw = GreenMailUtil.getWholeMessage(message);
        assertThat(raw).contains("Saw <b>boom</b> & co")
                .contains("Saw &lt;b&gt;boom&lt;/b&gt; &amp; co")
                .contains("<a href=\"http://localhost:8080/search?q=x\">");
    }

    @Test
    void smtp_down_is_temporary_and_the_next_attempt_after_it_is_up_delivers_once() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        EmailChannelProvider provider = new EmailChannelProvider(() -> sender(port), "logwarden@example.org");
        DeliveryService delivery = new DeliveryService(new ChannelRegistry(List.of(provider)),
                ChannelTestSupport.DELIVERY);
        ChannelConfig config = new ChannelConfig(ChannelType.EMAIL, Map.of("to", "a@example.org"));
        try {
            DeliveryResult down = delivery.attempt(config, ChannelTestSupport.notification("x"), "EMAIL", 1).result();
            assertThat(down.outcome()).isEqualTo(Outcome.FAILED_TEMPORARY);
            late.start();
            DeliveryResult up = delivery.attempt(config, ChannelTestSupport.notification("x"), "EMAIL", 2).result();
            assertThat(up.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(late.getReceivedMessages()).hasSize(1);
        } finally {
            late.stop();
        }
    }

    /** GreenMail cannot answer 4xx; the classification of reply codes is checked on the exceptions Angus Mail throws. */
    @Test
    void smtp_5xx_reply_is_permanent_and_4xx_temporary() {
        MailSendException rejected = new MailSendException("send failed",
                new MessagingException("550 5.1.1 <nobody@example.org>: Recipient address rejected"));
        assertThat(EmailChannelProvider.classify(rejected)).isInstanceOf(PermanentDeliveryException.class);
        MailSendException greylisted = new MailSendException("send failed",
                new MessagingException("451 4.7.1 Greylisted, try again later"));
        assertThat(EmailChannelProvider.classify(greylisted)).isInstanceOf(TemporaryDeliveryException.class);
    }

    @Test
    void validates_addresses_and_smtp_configuration_at_save_time() {
        EmailChannelProvider unconfigured = new EmailChannelProvider(() -> null, "logwarden@example.org");
        assertThat(unconfigured.validate(new ChannelConfig(ChannelType.EMAIL, Map.of("to", "ops@@example"))))
                .anySatisfy(e -> assertThat(e).startsWith("to has an invalid email address"));
        assertThat(unconfigured.unavailable()).contains("no SMTP server is configured (set spring.mail.host)");
        assertThat(unconfigured.validate(new ChannelConfig(ChannelType.EMAIL, Map.of())))
                .contains("to is required (comma-separated email addresses)");
    }
}
