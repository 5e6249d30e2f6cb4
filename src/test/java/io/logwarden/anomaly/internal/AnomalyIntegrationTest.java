package io.logwarden.anomaly.internal;

import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The application context of the anomaly integration tests (one, shared): no scheduled cycle (tests run cycles at
 * chosen times), one day of history, and no allowance for late events (the test data is complete when indexed).
 * Test classes release the detectors' lease when done ({@link AnomalyCycle#stepDown()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LogwardenIntegrationTest
@TestPropertySource(properties = {"logwarden.anomaly.enabled=false", "logwarden.anomaly.history=1d",
        "logwarden.anomaly.lag=0s", "logwarden.anomaly.max-lag=0s"})
@interface AnomalyIntegrationTest {
}
