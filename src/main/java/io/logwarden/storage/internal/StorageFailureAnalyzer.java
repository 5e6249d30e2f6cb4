package io.logwarden.storage.internal;

import io.logwarden.storage.StorageUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns "Elasticsearch unusable" into a short start-up report instead of a stack trace. */
class StorageFailureAnalyzer extends AbstractFailureAnalyzer<StorageUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorageUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
