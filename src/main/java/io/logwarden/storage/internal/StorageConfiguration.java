package io.logwarden.storage.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.logwarden.base.LogwardenProperties;
import io.logwarden.storage.ElasticsearchProperties;
import io.logwarden.storage.internal.embedded.ElasticsearchDistribution;
import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import java.nio.file.Path;
import org.elasticsearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Elasticsearch endpoint (external or embedded) and its clients. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    ElasticsearchEndpoint elasticsearchEndpoint(ElasticsearchProperties properties, LogwardenProperties logwarden) {
        if (!properties.isEmbedded()) {
            return new ElasticsearchEndpoint(properties.url(), null);
        }
        ElasticsearchProperties.Embedded embedded = properties.embedded();
        Path zip = ElasticsearchDistribution.locateZip(embedded.version(), embedded.distribution());
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(new EmbeddedElasticsearch.Settings(
                embedded.version(), zip, logwarden.dataDir().resolve("elasticsearch"), "node", embedded.httpPort(),
                embedded.heap(), embedded.runAsUser(), Path.of(System.getProperty("java.home")),
                properties.startupTimeout().plusSeconds(60)));
        return new ElasticsearchEndpoint(node.url(), node);
    }

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(ElasticsearchEndpoint endpoint, ElasticsearchProperties properties) {
        return ElasticsearchClientFactory.restClient(endpoint.url(), properties);
    }

    @Bean
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return ElasticsearchClientFactory.client(restClient);
    }

    @Bean
    StorageInitializer storageInitializer(RestClient restClient, ElasticsearchEndpoint endpoint,
                                          ElasticsearchProperties properties) {
        return new StorageInitializer(restClient, endpoint.url(), properties.startupTimeout());
    }
}
