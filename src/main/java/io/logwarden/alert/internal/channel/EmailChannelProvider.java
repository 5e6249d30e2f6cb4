package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import io.logwarden.alert.ChannelType;
import io.logwarden.alert.DeliveryException;
import io.logwarden.alert.Notification;
import io.logwarden.alert.NotificationChannel;
import io.logwarden.alert.PermanentDeliveryException;
import io.logwarden.alert.TemporaryDeliveryException;
import io.logwarden.alert.internal.template.Escaper;
import io.logwarden.alert.internal.template.NotificationRenderer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over the application's SMTP server ({@code spring.mail.*}), as text and HTML (values HTML-escaped).
 * SMTP 4xx replies and connection problems are temporary, 5xx replies and bad credentials permanent.
 */
public final class EmailChannelProvider implements ChannelProvider {

    private static final Pattern SMTP_CODE = Pattern.compile("^\\s*([245])\\d\\d[ -]");

    private final Supplier<JavaMailSender> mailSender;
    private final String defaultFrom;

    /** @param mailSender supplies the sender, or null when no SMTP server is configured */
    public EmailChannelProvider(Supplier<JavaMailSender> mailSender, String defaultFrom) {
        this.mailSender = mailSender;
        this.defaultFrom = defaultFrom;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public List<String> validate(ChannelConfig config) {
        List<String> errors = new ArrayList<>();
        String to = config.setting("to");
        if (to == null) {
            errors.add("to is required (comma-separated email addresses)");
        } else {
            checkAddresses("to", to, errors);
        }
        if (config.setting("from") != null) {
            checkAddresses("from", config.setting("from"), errors);
        }
        return errors;
    }

    @Override
    public java.util.Optional<String> unavailable() {
        return mailSender.get() == null ? java.util.Optional.of("no SMTP server is configured (set spring.mail.host)")
                : java.util.Optional.empty();
    }

    private static void checkAddresses(String label, String value, List<String> errors) {
        try {
            InternetAddress[] addresses = InternetAddress.parse(value, true);
            if (addresses.length == 0) {
                errors.add(label + " has no address");
            }
            for (InternetAddress address : addresses) {
                address.validate();
            }
        } catch (AddressException e) {
            errors.add(label + " has an invalid email address: " + e.getMessage());
        }
    }

    @Override
    public NotificationChannel open(ChannelConfig config) {
        String to = config.setting("to");
        String from = config.setting("from") == null ? defaultFrom : config.setting("from");
        return notification -> {
            JavaMailSender sender = mailSender.get();
            if (sender == null) {
                throw new PermanentDeliveryException("email: no SMTP server is configured (spring.mail.host)");
            }
            try {
                MimeMessage message = sender.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
                helper.setFrom(from);
                helper.setTo(InternetAddress.parse(to, true));
                helper.setSubject(NotificationRenderer.title(notification, Escaper.NONE).replaceAll("[\\r\\n]+", " "));
                helper.setText(NotificationRenderer.body(notification, Escaper.NONE), html(notification));
                message.setHeader("X-Logwarden-Delivery", notification.id());
                sender.send(message);
            } catch (MessagingException e) {
                throw new PermanentDeliveryException("email: cannot build message: " + e.getMessage(), e);
            } catch (MailException e) {
                throw classify(e);
            }
        };
    }

    static String html(Notification n) {
        String body = NotificationRenderer.body(n, Escaper.HTML).replace("\n", "<br>\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>")
                .append("<h3>").append(NotificationRenderer.title(n, Escaper.HTML)).append("</h3>")
                .append("<p>").append(body).append("</p>");
        if (n.link() != null && !n.link().isBlank()) {
            html.append("<p><a href=\"").append(Escaper.HTML.escape(n.link())).append("\">Open in Logwarden</a></p>");
        }
        return html.append("</body></html>").toString();
    }

    /** The exception, its causes, and for a send failure the per-message exceptions and theirs. */
    private static List<Throwable> chain(MailException e) {
        List<Throwable> roots = new ArrayList<>();
        roots.add(e);
        if (e instanceof MailSendException send) {
            roots.addAll(List.of(send.getMessageExceptions()));
        }
        List<Throwable> all = new ArrayList<>();
        for (Throwable root : roots) {
            for (Throwable t = root; t != null && !all.contains(t); ) {
                all.add(t);
                Throwable next = t instanceof MessagingException m && m.getNextException() != null
                        ? m.getNextException() : t.getCause();
                t = next;
            }
        }
        return all;
    }

    static DeliveryException classify(MailException e) {
        String message = "email: " + e.getMessage();
        if (e instanceof MailAuthenticationException) {
            Throwable cause = e.getCause();
            return new PermanentDeliveryException(message + (cause == null || cause.getMessage() == null ? ""
                    : " (" + cause.getMessage().strip() + ")"), e);
        }
        if (e instanceof MailParseException || e instanceof MailPreparationException) {
            return new PermanentDeliveryException(message, e);
        }
        for (Throwable t : chain(e)) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return new TemporaryDeliveryException(message, e);
            }
            if (t instanceof MessagingException && t.getMessage() != null) {
                Matcher code = SMTP_CODE.matcher(t.getMessage());
                if (code.find() && code.group(1).equals("5")) {
                    return new PermanentDeliveryException(message + " (" + t.getMessage().strip() + ")", e);
                }
            }
        }
        // Unknown send failure (connection dropped, 4xx reply): another attempt may work.
        return new TemporaryDeliveryException(message, e);
    }
}
