package io.logwarden.storage.internal;

import io.logwarden.storage.internal.embedded.EmbeddedElasticsearchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a failed start of the embedded Elasticsearch without a stack trace. */
class EmbeddedElasticsearchFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedElasticsearchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedElasticsearchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the cause above, or set logwarden.elasticsearch.url to an existing Elasticsearch 8.19+ cluster.",
                cause);
    }
}
