package io.logwarden.ingest.internal.http;

import io.logwarden.event.NormalizationResult;
import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.IngestResponse;
import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.LineFramer;
import io.logwarden.ingest.internal.journal.JournalFullException;
import io.logwarden.security.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * NDJSON in, one event per line, {@code Content-Encoding: gzip} accepted. Answers only once every accepted event
 * is durable in the journal. When the journal is full: 503 with {@code Retry-After}; {@code accepted} then says how
 * many leading lines were durably taken (resend the rest).
 */
@RestController
class IngestController {

    private static final int BATCH_LINES = 1000;

    private final IngestPipeline pipeline;
    private final IngestProperties.Http settings;

    IngestController(IngestPipeline pipeline, IngestProperties properties) {
        this.pipeline = pipeline;
        this.settings = properties.http();
    }

    @PostMapping("/api/v1/ingest")
    ResponseEntity<IngestResponse> ingest(HttpServletRequest request, Authentication authentication)
            throws IOException, InterruptedException {
        String keyId = authentication.getPrincipal() instanceof ApiKey key ? key.id() : "unknown";
        Request state = new Request(pipeline.newBatch("http", "http/" + keyId), (int) settings.maxLineSize().toBytes());
        if (pipeline.journal().isFull(0)) {
            return unavailable(state, "journal_full");
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream body = body(request)) {
            int n;
            while ((n = body.read(buf)) >= 0) {
                state.framer.feed(buf, 0, n, state);
                if (state.batch.lines() >= BATCH_LINES && !state.commit(settings.journalFullWaitOrZero())) {
                    return unavailable(state, "journal_full");
                }
            }
            state.framer.finish(state);
        } catch (IOException e) {
            // A broken body (bad gzip, client gone): keep what was complete, report where it broke.
            state.errors.add(new IngestResponse.LineError(state.line + 1, "unreadable_body: " + e.getMessage()));
            state.rejected++;
        }
        if (!state.commit(settings.journalFullWaitOrZero())) {
            return unavailable(state, "journal_full");
        }
        pipeline.awaitDurable(state.position);
        return ResponseEntity.ok(state.response());
    }

    private ResponseEntity<IngestResponse> unavailable(Request state, String reason)
            throws IOException, InterruptedException {
        pipeline.awaitDurable(state.position);
        state.errors.add(new IngestResponse.LineError(state.committedLines + 1, reason));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())))
                .body(new IngestResponse(state.accepted, state.rejected, List.copyOf(state.errors)));
    }

    private static InputStream body(HttpServletRequest request) throws IOException {
        String encoding = request.getHeader("Content-Encoding");
        InputStream in = request.getInputStream();
        return encoding != null && encoding.toLowerCase().contains("gzip") ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    /** Per-request state; also the line sink. */
    private static final class Request implements LineFramer.Sink {
        final IngestPipeline.Batch batch;
        final LineFramer framer;
        final List<IngestResponse.LineError> errors = new ArrayList<>();
        final int maxLine;
        long line;
        long committedLines;
        int accepted;
        int rejected;
        int pendingAccepted;
        int pendingRejected;
        long position;

        Request(IngestPipeline.Batch batch, int maxLine) {
            this.batch = batch;
            this.maxLine = maxLine;
            this.framer = new LineFramer(maxLine);
        }

        @Override
        public void line(byte[] buf, int off, int len) {
            line++;
            NormalizationResult.Rejected r = batch.add(buf, off, len);
            if (r == null) {
                pendingAccepted++;
            } else {
                error(r);
            }
        }

        @Override
        public void oversized(byte[] prefix, int prefixLen, long totalLength) {
            line++;
            error(batch.addOversized(prefix, prefixLen, totalLength, maxLine));
        }

        @Override
        public void blank() {
            line++;
        }

        private void error(NormalizationResult.Rejected r) {
            pendingRejected++;
            if (errors.size() < IngestResponse.MAX_ERRORS) {
                errors.add(new IngestResponse.LineError(line, r.reason().code() + ": " + r.detail()));
            }
        }

        boolean commit(java.time.Duration wait) throws IOException, InterruptedException {
            try {
                position = batch.commit(wait);
            } catch (JournalFullException e) {
                errors.removeIf(err -> err.line() > committedLines);
                return false;
            }
            accepted += pendingAccepted;
            rejected += pendingRejected;
            pendingAccepted = 0;
            pendingRejected = 0;
            committedLines = line;
            return true;
        }

        IngestResponse response() {
            return new IngestResponse(accepted, rejected, List.copyOf(errors));
        }
    }
}
