package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.storage.StorageUnavailableException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ElasticsearchVersionTest {

    @Test
    void accepts_8_19_and_later_8_and_9() {
        assertThat(ElasticsearchVersion.isCompatible("8.19.21")).isTrue();
        assertThat(ElasticsearchVersion.isCompatible("8.20.0")).isTrue();
        assertThat(ElasticsearchVersion.isCompatible("9.1.0-SNAPSHOT")).isTrue();
    }

    @Test
    void rejects_older_and_unknown_versions_with_a_clear_message() {
        assertThat(ElasticsearchVersion.isCompatible("8.18.3")).isFalse();
        assertThat(ElasticsearchVersion.isCompatible("7.17.0")).isFalse();
        assertThat(ElasticsearchVersion.isCompatible("opensearch")).isFalse();
        assertThatThrownBy(() -> ElasticsearchVersion.requireCompatible("7.17.0", URI.create("http://es:9200")))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("7.17.0").hasMessageContaining("8.19");
    }
}
