package io.logwarden.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiMaskerTest {

    private final PiiMasker masker = new PiiMasker(new SecurityProperties(null, false, Set.of("ADMIN", "COMPLIANCE"),
            List.of("labels.customer_phone", "http.request.body"), new SecurityProperties.Login(5,
            java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(1)), "sub"));

    private static Map<String, Object> nestedEvent() {
        Map<String, Object> event = new HashMap<>();
        event.put("message", "login by jane.doe@example.com");
        event.put("user", Map.of("id", "u-17", "name", "jane", "email", "jane.doe@example.com"));
        event.put("source", Map.of("ip", "10.0.42.7"));
        event.put("user_agent", Map.of("original", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"));
        event.put("labels", Map.of("customer_phone", "+49 30 1234567", "plan", "gold"));
        return event;
    }

    @Test
    void masks_nested_pii_fields_and_leaves_the_rest() {
        Map<String, Object> masked = masker.mask(nestedEvent());

        assertThat(masked.get("user")).isEqualTo(Map.of("id", "***", "name", "j***", "email", "j***@example.com"));
        assertThat(masked.get("source")).isEqualTo(Map.of("ip", "10.0.x.x"));
        assertThat(masked.get("user_agent")).isEqualTo(Map.of("original", "Mozilla/***"));
        assertThat(masked.get("labels")).isEqualTo(Map.of("customer_phone", "***", "plan", "gold"));
        assertThat(masked.get("message")).isEqualTo("login by jane.doe@example.com");
    }

    @Test
    void masks_dotted_and_mixed_forms() {
        Map<String, Object> event = Map.of(
                "user.email", "bob@corp.example",
                "user.name", List.of("bob", "robert"),
                "source", Map.of("ip", "2001:db8:85a3::8a2e:370:7334"),
                "labels.customer_phone", "555-0100",
                "labels", Map.of("customer_phone", "555-0101"));

        Map<String, Object> masked = masker.mask(event);

        assertThat(masked).containsEntry("user.email", "b***@corp.example")
                .containsEntry("user.name", List.of("b***", "r***"))
                .containsEntry("source", Map.of("ip", "2001:db8:x:x:x:x:x:x"))
                .containsEntry("labels.customer_phone", "***")
                .containsEntry("labels", Map.of("customer_phone", "***"));
    }

    @Test
    void does_not_change_its_argument() {
        Map<String, Object> event = nestedEvent();
        masker.mask(event);
        assertThat(event).isEqualTo(nestedEvent());
    }

    @Test
    void leaves_events_unmasked_for_users_with_pii_access() {
        CurrentUser compliance = new CurrentUser("carol", Set.of(Roles.COMPLIANCE), AccessScope.EVERYTHING, true);
        CurrentUser analyst = new CurrentUser("ann", Set.of(Roles.ANALYST), AccessScope.EVERYTHING, false);
        assertThat(masker.mask(nestedEvent(), compliance)).isEqualTo(nestedEvent());
        assertThat(masker.mask(nestedEvent(), analyst).get("source")).isEqualTo(Map.of("ip", "10.0.x.x"));
    }

    @Test
    void masks_values_that_are_not_what_the_field_promises() {
        assertThat(PiiMasker.email("no-at-sign")).isEqualTo("***");
        assertThat(PiiMasker.ip("not an ip")).isEqualTo("***");
        assertThat(PiiMasker.ip("example.com")).isEqualTo("***");
        assertThat(PiiMasker.ip("::ffff:192.168.1.20")).isEqualTo("192.168.x.x");
        assertThat(PiiMasker.userAgent("curl")).isEqualTo("***");
        assertThat(masker.mask(Map.of("user", Map.of("email", Map.of("weird", "x@y.z"))))).isEqualTo(
                Map.of("user", Map.of("email", Map.of("weird", "x***@y.z"))));
        assertThat(masker.mask(Map.of("user", Map.of("roles", List.of("ADMIN"), "id", 17)))).isEqualTo(
                Map.of("user", Map.of("roles", List.of("***"), "id", "***")));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("user.email", null);
        assertThat(masker.mask(withNull)).containsEntry("user.email", null);
    }

    @Test
    void masks_pii_inside_lists_of_objects() {
        Map<String, Object> event = Map.of("user", List.of(Map.of("email", "a@b.c"), Map.of("email", "d@e.f")));
        assertThat(masker.mask(event)).isEqualTo(Map.of("user", List.of(Map.of("email", "a***@b.c"),
                Map.of("email", "d***@e.f"))));
    }

    @Test
    void masks_personal_keys_inside_labels_and_audit_blobs() {
        Map<String, Object> event = Map.of(
                "labels", Map.of("customer_email", "jane@shop.example", "clientIp", "192.168.7.9", "zip", "10115",
                        "order", Map.of("billingEmail", "bill@shop.example", "total", 12)),
                "audit", Map.of(
                        "before", Map.of("email", "old@shop.example", "userName", "jane", "status", "new"),
                        "after", Map.of("email", "new@shop.example", "userName", "jane", "status", "paid"),
                        "changes", List.of(Map.of("field", "email", "before", "old@shop.example",
                                "after", "new@shop.example"), Map.of("field", "status", "before", "new",
                                "after", "paid")),
                        "entity", Map.of("id", "order-1")));

        Map<String, Object> masked = masker.mask(event);

        assertThat(masked.get("labels")).isEqualTo(Map.of("customer_email", "j***@shop.example",
                "clientIp", "192.168.x.x", "zip", "10115",
                "order", Map.of("billingEmail", "b***@shop.example", "total", 12)));
        Map<?, ?> audit = (Map<?, ?>) masked.get("audit");
        assertThat(audit.get("before")).isEqualTo(Map.of("email", "o***@shop.example", "userName", "j***",
                "status", "new"));
        assertThat(audit.get("after")).isEqualTo(Map.of("email", "n***@shop.example", "userName", "j***",
                "status", "paid"));
        assertThat(audit.get("changes")).isEqualTo(List.of(
                Map.of("field", "email", "before", "o***@shop.example", "after", "n***@shop.example"),
                Map.of("field", "status", "before", "new", "after", "paid")));
        assertThat(audit.get("entity")).isEqualTo(Map.of("id", "order-1"));
        assertThat(masker.mask(Map.of("audit.changes", Map.of("email", Map.of("from", "a@b.c", "to", "d@e.f")))))
                .isEqualTo(Map.of("audit.changes", Map.of("email", Map.of("from", "a***@b.c", "to", "d***@e.f"))));
    }

    @Test
    void tells_which_fields_are_personal_and_masks_single_values_for_other_features() {
        CurrentUser analyst = new CurrentUser("ann", Set.of(Roles.ANALYST), AccessScope.EVERYTHING, false);
        CurrentUser compliance = new CurrentUser("carol", Set.of(Roles.COMPLIANCE), AccessScope.EVERYTHING, true);
        assertThat(masker.isPersonal("user.email")).isTrue();
        assertThat(masker.isPersonal("user.roles")).isTrue();
        assertThat(masker.isPersonal("labels.customer_phone")).isTrue();
        assertThat(masker.isPersonal("labels.shipping_email")).isTrue();
        assertThat(masker.isPersonal("audit.after.ip_address")).isTrue();
        assertThat(masker.isPersonal("labels.zip")).isFalse();
        assertThat(masker.isPersonal("service.name")).isFalse();
        assertThat(masker.isPersonal("message")).isFalse();
        assertThat(masker.maskValue("source.ip", "10.1.2.3", analyst)).isEqualTo("10.1.x.x");
        assertThat(masker.maskValue("labels.customer_phone", "+49 30 1", analyst)).isEqualTo("***");
        assertThat(masker.maskValue("service.name", "shop", analyst)).isEqualTo("shop");
        assertThat(masker.maskValue("source.ip", "10.1.2.3", compliance)).isEqualTo("10.1.2.3");
        assertThat(masker.maskValue("user.email", null, analyst)).isNull();
        assertThat(masker.piiVisible(Set.of(Roles.COMPLIANCE))).isTrue();
        assertThat(masker.piiVisible(Set.of(Roles.ANALYST, Roles.VIEWER))).isFalse();
    }

    @Test
    void matches_pii_keys_word_by_word() {
        assertThat(PiiPolicy.words("customerEmail")).containsExactly("customer", "email");
        assertThat(PiiPolicy.words("e-mail_address")).containsExactly("e", "mail", "address");
        assertThat(PiiPolicy.words("X-Forwarded-IP")).containsExactly("x", "forwarded", "ip");
        assertThat(masker.isPersonal("labels.userName")).isTrue();
        assertThat(masker.isPersonal("labels.user_name")).isTrue();
        assertThat(masker.isPersonal("labels.hostname")).isFalse();
        assertThat(masker.isPersonal("labels.name")).isFalse();
        assertThat(masker.isPersonal("labels.ship_date")).isFalse();
    }
}
