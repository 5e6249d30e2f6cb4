package io.logwarden.alert.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.alert.AlertValidationException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    private static final Set<String> FIELDS = Set.of("rule.name", "value", "event.message");

    @Test
    void renders_placeholders_and_keeps_literal_text() {
        MessageTemplate t = MessageTemplate.parse("t", "Rule {{rule.name}} hit {{ value }} times", FIELDS);
        assertThat(t.render(Map.of("rule.name", "Logins", "value", "7"), Escaper.NONE))
                .isEqualTo("Rule Logins hit 7 times");
        assertThat(t.fields()).containsExactly("rule.name", "value");
    }

    @Test
    void html_escapes_values_but_not_the_template_itself() {
        MessageTemplate t = MessageTemplate.parse("t", "<b>{{event.message}}</b>", FIELDS);
        assertThat(t.render(Map.of("event.message", "<script>alert('x')</script> & \"q\""), Escaper.HTML))
                .isEqualTo("<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</b>");
    }

    @Test
    void missing_value_renders_empty() {
        assertThat(MessageTemplate.parse("t", "[{{value}}]", FIELDS).render(Map.of(), Escaper.NONE)).isEqualTo("[]");
    }

    @Test
    void rejects_unknown_placeholder_naming_it_and_the_known_fields() {
        assertThatThrownBy(() -> MessageTemplate.parse("message template", "Hi {{user.password}}", FIELDS))
                .isInstanceOf(AlertValidationException.class)
                .hasMessageContaining("message template: unknown placeholder '{{user.password}}' at position 3")
                .hasMessageContaining("known fields: event.message, rule.name, value");
    }

    @Test
    void rejects_unbalanced_opening_braces() {
        assertThatThrownBy(() -> MessageTemplate.parse("t", "value {{value", FIELDS))
                .hasMessageContaining("unbalanced '{{' at position 6");
        assertThatThrownBy(() -> MessageTemplate.parse("t", "{{value {{rule.name}}", FIELDS))
                .hasMessageContaining("unbalanced '{{' at position 0");
    }

    @Test
    void rejects_stray_closing_braces() {
        assertThatThrownBy(() -> MessageTemplate.parse("t", "value}} here", FIELDS))
                .hasMessageContaining("unbalanced '}}' at position 5");
    }

    @Test
    void rejects_expressions_and_empty_placeholders_listing_every_error() {
        assertThatThrownBy(() -> MessageTemplate.parse("t", "{{}} {{value + 1}} {{T(java.lang.Runtime)}}", FIELDS))
                .isInstanceOfSatisfying(AlertValidationException.class, e -> assertThat(e.errors()).hasSize(3)
                        .anySatisfy(m -> assertThat(m).contains("empty placeholder"))
                        .anySatisfy(m -> assertThat(m).contains("invalid placeholder '{{value + 1}}'")));
    }

    @Test
    void escapers_for_json_and_forms() {
        assertThat(Escaper.JSON_STRING.escape("a\"b\\c\nd\u0001")).isEqualTo("a\\\"b\\\\c\\nd\\u0001");
        assertThat(Escaper.URL_FORM.escape("a b&c=d+é")).isEqualTo("a+b%26c%3Dd%2B%C3%A9");
    }
}
