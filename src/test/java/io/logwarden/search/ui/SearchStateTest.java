package io.logwarden.search.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.QueryParameters;
import io.logwarden.base.ui.SearchLink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchStateTest {

    @Test
    void reads_the_links_other_views_build() {
        SearchLink link = new SearchLink("log.level:\"error\" AND service.name:shop",
                Instant.parse("2026-11-21T10:00:00.123Z"), Instant.parse("2026-11-21T11:00:00Z"));
        SearchState state = SearchState.of(QueryParameters.fromString(link.url().substring("search?".length()))
                .getParameters());
        assertThat(state).isEqualTo(new SearchState("log.level:\"error\" AND service.name:shop",
                "2026-11-21T10:00:00.123Z", "2026-11-21T11:00:00Z", List.of()));
    }

    @Test
    void writes_a_url_that_reads_back_the_same() {
        SearchState state = new SearchState("message:\"a & b\" OR x=y", "now-24h", "", List.of("host.name",
                "labels.tenant"));
        String url = state.url();
        assertThat(url).startsWith("search?q=").doesNotContain(" ", "&b", "+");
        Map<String, List<String>> parameters = QueryParameters.fromString(url.substring("search?".length()))
                .getParameters();
        assertThat(SearchState.of(parameters)).isEqualTo(state);
        assertThat(SearchState.given(parameters)).isTrue();
    }

    @Test
    void absent_parameters_are_blank() {
        assertThat(SearchState.of(Map.of())).isEqualTo(new SearchState("", "", "", List.of()));
        assertThat(SearchState.given(Map.of("other", List.of("1")))).isFalse();
        assertThat(new SearchState("", "", "", List.of()).url()).isEqualTo("search?q=");
    }
}
