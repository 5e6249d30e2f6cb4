package io.logwarden.ingest;

import java.util.List;

/**
 * Answer of {@code POST /api/v1/ingest}: events durably journaled, lines rejected, and why (1-based line numbers;
 * at most {@link #MAX_ERRORS} errors are listed, {@code rejected} always counts all).
 */
public record IngestResponse(int accepted, int rejected, List<LineError> errors) {

    public static final int MAX_ERRORS = 1000;

    public record LineError(long line, String reason) {
    }
}
