package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LogwardenIntegrationTest
class IndexTemplateInstallerIT {

    @Autowired
    RestClient restClient;

    @Test
    void second_installation_writes_nothing() throws IOException {
        assertThat(new IndexTemplateInstaller(restClient).installAll()).isZero();
    }

    @Test
    void replaces_a_template_whose_installed_version_is_older() throws IOException {
        Request downgrade = new Request("PUT", "/_component_template/logwarden-settings");
        downgrade.setEntity(new StringEntity("{\"version\":0,\"template\":{\"settings\":{}}}",
                ContentType.APPLICATION_JSON));
        restClient.performRequest(downgrade);

        assertThat(new IndexTemplateInstaller(restClient).installAll()).isEqualTo(1);

        var response = restClient.performRequest(new Request("GET", "/_component_template/logwarden-settings"));
        String body = new String(response.getEntity().getContent().readAllBytes());
        assertThat(body).contains("\"version\":1").contains("auto_expand_replicas");
    }

    @Test
    void replaces_a_template_of_the_same_version_whose_content_differs() throws IOException {
        Request edited = new Request("PUT", "/_component_template/logwarden-settings");
        edited.setEntity(new StringEntity("{\"version\":1,\"_meta\":{\"checksum\":\"something-else\"},"
                + "\"template\":{\"settings\":{}}}", ContentType.APPLICATION_JSON));
        restClient.performRequest(edited);

        assertThat(new IndexTemplateInstaller(restClient).installAll()).isEqualTo(1);
        assertThat(new IndexTemplateInstaller(restClient).installAll()).isZero();
        var response = restClient.performRequest(new Request("GET", "/_component_template/logwarden-settings"));
        assertThat(new String(response.getEntity().getContent().readAllBytes()))
                .contains("auto_expand_replicas").doesNotContain("something-else");
    }

    @Test
    void leaves_a_newer_version_alone() throws IOException {
        Request newer = new Request("PUT", "/_component_template/logwarden-settings");
        newer.setEntity(new StringEntity("{\"version\":999,\"template\":{\"settings\":{}}}",
                ContentType.APPLICATION_JSON));
        restClient.performRequest(newer);
        try {
            assertThat(new IndexTemplateInstaller(restClient).installAll()).isZero();
        } finally {
            // in use by the index templates, so it cannot be deleted: step it back to an older version instead
            Request older = new Request("PUT", "/_component_template/logwarden-settings");
            older.setEntity(new StringEntity("{\"version\":0,\"template\":{\"settings\":{}}}",
                    ContentType.APPLICATION_JSON));
            restClient.performRequest(older);
            new IndexTemplateInstaller(restClient).installAll();
        }
    }

    @Test
    void system_indices_store_secrets_without_indexing_them() throws IOException {
        String index = ".logwarden-template-it-" + System.nanoTime();
        Request put = new Request("PUT", "/" + index + "/_doc/1?refresh=true");
        put.setEntity(new StringEntity("{\"username\":\"ann\",\"passwordHash\":\"{bcrypt}$2a$10$abc\","
                + "\"secretSha256\":\"00ff\",\"settings\":{\"botToken\":\"t\"}}", ContentType.APPLICATION_JSON));
        restClient.performRequest(put);
        try {
            var mapping = restClient.performRequest(new Request("GET", "/" + index + "/_mapping"));
            String body = new String(mapping.getEntity().getContent().readAllBytes());
            assertThat(body).containsPattern("\"passwordHash\":\\{[^}]*\"index\":false")
                    .containsPattern("\"secretSha256\":\\{[^}]*\"index\":false")
                    .containsPattern("\"botToken\":\\{[^}]*\"index\":false")
                    .containsPattern("\"username\":\\{\"type\":\"text\"");
            Request search = new Request("POST", "/" + index + "/_search");
            search.setEntity(new StringEntity("{\"query\":{\"term\":{\"username.keyword\":\"ann\"}}}",
                    ContentType.APPLICATION_JSON));
            assertThat(new String(restClient.performRequest(search).getEntity().getContent().readAllBytes()))
                    .contains("{bcrypt}$2a$10$abc");
        } finally {
            restClient.performRequest(new Request("DELETE", "/" + index));
        }
    }
}
