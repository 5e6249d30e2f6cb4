package io.logwarden.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the test run's Elasticsearch, with a known admin password
 * ({@link TestUsers#ADMIN_PASSWORD}). Test classes with the same annotation share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logwarden.data-dir=target/it-data",
        // no background alert evaluation or delivery retries: tests decide when rules run and deliveries are retried;
        // health samples only when a test asks for them (FeatureSignalBridge.pollHealth)
        "logwarden.alert.enabled=false", "logwarden.alert.health-poll-interval=1h",
        // a free port: several test JVMs may run at once on one machine
        "logwarden.ingest.tcp.port=0",
        // production mode also where -DskipFrontend left no frontend bundle (vaadin-dev is not on the classpath)
        "vaadin.productionMode=true",
        // tests change user accounts straight in Elasticsearch: read them on every request, as without a cache
        "logwarden.security.account-cache-ttl=0s",
        // no scheduled anomaly cycle: it would hold the detectors' lease across test contexts (anomaly ITs run it)
        "logwarden.anomaly.enabled=false",
        // no polling for orphaned export jobs: this JVM's cached contexts would take over the jobs of the child
        // processes ExportRestartIT kills (and sign them with another key); jobs still start when submitted
        "logwarden.export.poll-interval=1h",
        "logwarden.security.admin-password=" + TestUsers.ADMIN_PASSWORD})
@ContextConfiguration(initializers = TestElasticsearchInitializer.class)
public @interface LogwardenIntegrationTest {
}
