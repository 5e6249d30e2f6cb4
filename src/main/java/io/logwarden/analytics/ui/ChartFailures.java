package io.logwarden.analytics.ui;

import io.logwarden.search.QuerySyntaxException;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.StorageUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/** What a chart, widget or card says instead of its data when loading failed: plain words, never a stack trace. */
final class ChartFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ChartFailures.class);

    private ChartFailures() {
    }

    static String message(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return switch (e) {
            case QuerySyntaxException q -> "The query is not valid: " + q.getMessage();
            case AccessDeniedException d -> "Not allowed: " + d.getMessage();
            case QueryRejectedException r -> {
                LOG.info("Elasticsearch refused a dashboard query: {}", r.getMessage());
                yield "Elasticsearch refused to run this query. Open it in Search to see why.";
            }
            case StorageUnavailableException u -> {
                LOG.warn("Dashboard data unavailable: {}", u.getMessage());
                yield "Elasticsearch is not available right now. " + u.action();
            }
            default -> {
                LOG.warn("Loading dashboard data failed", e);
                yield "This could not be loaded; the server log has the details.";
            }
        };
    }
}
