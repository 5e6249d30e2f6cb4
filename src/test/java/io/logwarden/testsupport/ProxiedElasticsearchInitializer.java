package io.logwarden.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a Spring test context at the test run's Elasticsearch through {@link ElasticsearchProxy}. */
public class ProxiedElasticsearchInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("logwarden.elasticsearch.url=" + ElasticsearchProxy.instance().url()).applyTo(context);
    }
}
