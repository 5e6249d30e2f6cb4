package io.logwarden.alert.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.InAppNotificationCreated;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import io.logwarden.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

/** The bell's broadcaster: in-app notifications stored by the real IN_APP channel reach the recipient's bells. */
@LogwardenIntegrationTest
class NotificationBroadcasterIT {

    @LocalServerPort
    int port;
    @Autowired
    NotificationBroadcaster broadcaster;
    @Autowired
    ApplicationEventPublisher events;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void test_notification_over_in_app_reaches_the_recipients_bell_and_no_one_elses() throws Exception {
        BlockingQueue<InAppNotification> otherUser = new LinkedBlockingQueue<>();
        BlockingQueue<InAppNotification> admin = new LinkedBlockingQueue<>();
        // registered first: by the time admin's listener has run, this one has been offered the event too
        NotificationBroadcaster.Listener other = NotificationBroadcaster.listener("someone-else", otherUser::add);
        NotificationBroadcaster.Listener mine = NotificationBroadcaster.listener(TestUsers.ADMIN, admin::add);
        Runnable unregisterOther = broadcaster.register(other);
        Runnable unregisterMine = broadcaster.register(mine);
        try {
            String rule = """
                    {"name":"Bell %s","enabled":false,"kind":"QUERY_MATCH","severity":"HIGH","query":"log.level:critical",
                     "window":"PT5M","schedule":"PT1M","threshold":0,
                     "titleTemplate":"<b>bell {{rule.name}}</b>",
                     "channels":[{"type":"IN_APP","settings":{"users":"%s"}}]}""".formatted(tag, TestUsers.ADMIN);
            HttpResponse<String> response = post("/api/v1/alerts/rules/test", rule);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            InAppNotification received = admin.poll(60, TimeUnit.SECONDS);
            assertThat(received).as("notification pushed to the admin's bell").isNotNull();
            assertThat(received.user()).isEqualTo(TestUsers.ADMIN);
            assertThat(received.read()).isFalse();
            assertThat(received.title()).isEqualTo("<b>bell Bell " + tag + "</b>");
            assertThat(otherUser).isEmpty();
        } finally {
            unregisterOther.run();
            unregisterMine.run();
        }
    }

    @Test
    void unregistered_bell_receives_nothing_and_is_forgotten() {
        BlockingQueue<InAppNotification> received = new LinkedBlockingQueue<>();
        NotificationBroadcaster.Listener listener = NotificationBroadcaster.listener("user-" + tag, received::add);
        int before = broadcaster.size();
        Runnable unregister = broadcaster.register(listener);
        assertThat(broadcaster.size()).isEqualTo(before + 1);

        events.publishEvent(new InAppNotificationCreated(notification("user-" + tag, "first")));
        assertThat(received).extracting(InAppNotification::id).containsExactly("first");

        unregister.run();
        assertThat(broadcaster.size()).isEqualTo(before);
        events.publishEvent(new InAppNotificationCreated(notification("user-" + tag, "second")));
        assertThat(received).extracting(InAppNotification::id).containsExactly("first");
    }

    @Test
    void a_failing_bell_does_not_keep_the_notification_from_the_users_other_bells() {
        BlockingQueue<InAppNotification> received = new LinkedBlockingQueue<>();
        NotificationBroadcaster.Listener broken = NotificationBroadcaster.listener("user-" + tag, n -> {
            throw new IllegalStateException("UI is gone");
        });
        NotificationBroadcaster.Listener working = NotificationBroadcaster.listener("user-" + tag, received::add);
        Runnable unregisterBroken = broadcaster.register(broken);
        Runnable unregisterWorking = broadcaster.register(working);
        try {
            events.publishEvent(new InAppNotificationCreated(notification("user-" + tag, "n1")));
            assertThat(received).extracting(InAppNotification::id).containsExactly("n1");
        } finally {
            unregisterBroken.run();
            unregisterWorking.run();
        }
    }

    private static InAppNotification notification(String user, String id) {
        return new InAppNotification(id, user, "rule", "Rule", "alert", "high", 3, "firing", "title", "message",
                "search?q=x", Instant.now(), false);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
