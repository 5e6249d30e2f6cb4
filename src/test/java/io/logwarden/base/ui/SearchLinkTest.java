package io.logwarden.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SearchLinkTest {

    @Test
    void builds_the_search_url_with_encoded_query_and_iso_range() {
        SearchLink link = new SearchLink("service.name:\"shop\" AND log.level:error",
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:10:00Z"));

        assertThat(link.url()).isEqualTo("search?q=service.name%3A%22shop%22%20AND%20log.level%3Aerror"
                + "&from=2026-01-01T10%3A00%3A00Z&to=2026-01-01T10%3A10%3A00Z");
        assertThat(link.parameters().getParameters().get("from")).containsExactly("2026-01-01T10:00:00Z");
    }
}
