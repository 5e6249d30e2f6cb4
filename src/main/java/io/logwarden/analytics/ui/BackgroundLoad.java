package io.logwarden.analytics.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Loads data on a virtual thread as the view's user (outside the UI lock, so a slow query never blocks the page) and
 * hands the result or the failure to the UI with {@code ui.access}, which Vaadin Push delivers. Counts loads in
 * flight so a periodic refresh can skip while the previous one still runs.
 */
final class BackgroundLoad {

    private final AtomicInteger inFlight = new AtomicInteger();

    boolean busy() {
        return inFlight.get() > 0;
    }

    <T> void run(UI ui, SecurityContext user, Supplier<T> load, Consumer<T> onResult,
                 Consumer<RuntimeException> onFailure) {
        inFlight.incrementAndGet();
        Thread.ofVirtual().name("dashboard-load").start(() -> {
            SecurityContextHolder.setContext(user);
            try {
                T result = load.get();
                ui.access(() -> onResult.accept(result));
            } catch (UIDetachedException detached) {
                // the page is gone: nothing to show
            } catch (RuntimeException e) {
                try {
                    ui.access(() -> onFailure.accept(e));
                } catch (UIDetachedException detached) {
                    // the page is gone: nothing to show
                }
            } finally {
                SecurityContextHolder.clearContext();
                inFlight.decrementAndGet();
            }
        });
    }
}
