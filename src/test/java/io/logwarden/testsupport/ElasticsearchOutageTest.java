package io.logwarden.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application reaching Elasticsearch through {@link ElasticsearchProxy}, so a test can cut it off. Its
 * health thresholds make it DEGRADED while Elasticsearch answers (every probe query counts as slow) and its
 * schedulers are off; anonymous health answers are reused for 3 s. Test classes with this annotation share one
 * context; each must {@link ElasticsearchProxy#restore()} what it cut.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logwarden.data-dir=target/it-data-outage", "logwarden.export.poll-interval=1h",
        "logwarden.ingest.tcp.port=0",
        "vaadin.productionMode=true",
        "logwarden.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
        "logwarden.anomaly.enabled=false",
        "logwarden.alert.enabled=false",
        "logwarden.health.elasticsearch.query-time-degraded=0ms",
        "logwarden.health.error-rate.min-events=2000000000",
        "logwarden.health.ingest.last-event-degraded=3650d",
        "logwarden.health.public-cache-ttl=3s"})
@ContextConfiguration(initializers = ProxiedElasticsearchInitializer.class)
public @interface ElasticsearchOutageTest {
}
