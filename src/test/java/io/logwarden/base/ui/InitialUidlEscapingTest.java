package io.logwarden.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class InitialUidlEscapingTest {

    private static final String HOSTILE = "</script><img src=x onerror=window.__xss=1><!--";

    @Test
    void a_value_holding_a_closing_script_tag_stays_inside_the_initial_script_with_the_same_value() {
        Document page = Jsoup.parse("<html><head></head><body></body></html>");
        Element script = page.head().appendElement("script").attr("initial", "");
        script.appendChild(new DataNode("window.Vaadin = window.Vaadin || {};window.Vaadin.TypeScript= "
                + "{\"initial\":{\"text\":\"" + HOSTILE + "\"}};"));

        InitialUidlEscaping.escape(page);

        Document reparsed = Jsoup.parse(page.html());
        assertThat(reparsed.select("img")).isEmpty();
        assertThat(reparsed.head().select("script")).hasSize(1);
        String code = reparsed.head().selectFirst("script").data();
        String json = code.substring(code.indexOf('=', code.indexOf("TypeScript")) + 1, code.lastIndexOf(';'));
        Map<?, ?> initial = (Map<?, ?>) JsonMapper.builder().build().readValue(json, Map.class).get("initial");
        assertThat(initial.get("text")).isEqualTo(HOSTILE);
    }

    @Test
    void other_scripts_are_left_alone() {
        Document page = Jsoup.parse("<html><head><script>if (a < b) { run(); }</script></head></html>");

        InitialUidlEscaping.escape(page);

        assertThat(page.head().selectFirst("script").data()).isEqualTo("if (a < b) { run(); }");
    }
}
