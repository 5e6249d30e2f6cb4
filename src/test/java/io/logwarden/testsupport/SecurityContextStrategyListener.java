package io.logwarden.testsupport;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Vaadin installs its own {@link SecurityContextHolderStrategy} (a bean with a per-instance thread-local) as the
 * global strategy when a Spring context starts. With several cached test contexts in one JVM, the global strategy
 * is the last context's, while each context's filters and method security use their own bean, so an authentication
 * set in one is invisible to the other. Before each test class and method, this makes the global strategy the one of
 * the context the test runs against, as it is in a running application with its single context.
 */
public class SecurityContextStrategyListener implements TestExecutionListener {

    @Override
    public void beforeTestClass(TestContext testContext) {
        install(testContext);
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        install(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        install(testContext);
    }

    private static void install(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }
}
