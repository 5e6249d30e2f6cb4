package io.logwarden.ingest.internal.http;

import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.IngestResponse;
import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.LineFramer;
import io.logwarden.ingest.internal.journal.JournalFullException;
import io.logwarden.security.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * NDJSON in, one event per line, {@code Content-Encoding: gzip} accepted. Answers only once every accepted event
 * is durable in the journal. Lines go to the journal in chunks of at most 1000 lines or 4 MiB, so a large (or
 * highly compressed) body never sits in memory whole. When the journal is full or cannot be written: 503 with
 * {@code Retry-After}; {@code accepted} then says how many leading lines were durably taken (resend the rest).
 */
@RestController
class IngestController {

    static final int BATCH_LINES = 1000;
    static final long BATCH_BYTES = 4L << 20;
    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final IngestPipeline pipeline;
    private final IngestProperties.Http settings;

    IngestController(IngestPipeline pipeline, IngestProperties properties) {
        this.pipeline = pipeline;
        this.settings = properties.http();
    }

    @PostMapping("/api/v1/ingest")
    ResponseEntity<IngestResponse> ingest(HttpServletRequest request, Authentication authentication)
            throws InterruptedException {
        String keyId = authentication.getPrincipal() instanceof ApiKey key ? key.id() : "unknown";
        Request state = new Request(pipeline.newBatch("http", "http/" + keyId), (int) settings.maxLineSize().toBytes());
        if (pipeline.journal().isFull(0)) {
            return unavailable(state, "journal_full");
        }
        try {
            read(request, state);
            state.commit(settings.journalFullWaitOrZero());
        } catch (JournalFullException e) {
            return unavailable(state, "journal_full");
        } catch (JournalWriteException e) {
            log.error("HTTP ingest could not write to the journal", e.getCause());
            return unavailable(state, "journal_unavailable: " + e.getCause().getMessage());
        }
        try {
            pipeline.awaitDurable(state.position);
        } catch (IOException e) {
            log.error("HTTP ingest could not make its lines durable", e);
            return syncFailed(state, e);
        }
        return ResponseEntity.ok(state.response());
    }

    /** Frames the body into the batch, committing every chunk; a broken body ends the read with a line error. */
    private void read(HttpServletRequest request, Request state) throws JournalFullException, JournalWriteException,
            InterruptedException {
        byte[] buf = new byte[64 * 1024];
        try (InputStream body = body(request)) {
            int n;
            while ((n = readBody(body, buf, state)) >= 0) {
                state.framer.feed(buf, 0, n, state);
                if (state.batch.lines() >= BATCH_LINES || state.batch.bytes() >= BATCH_BYTES) {
                    state.commit(settings.journalFullWaitOrZero());
                }
            }
            if (n == -1) {
                state.framer.finish(state);
            }
        } catch (IOException e) {
            state.unreadable(e); // the gzip header, or closing the body
        }
    }

    /** Bytes read, -1 at the end of the body, -2 when the body broke (already reported). */
    private static int readBody(InputStream body, byte[] buf, Request state) {
        try {
            return body.read(buf);
        } catch (IOException e) {
            state.unreadable(e);
            return -2;
        }
    }

    private ResponseEntity<IngestResponse> unavailable(Request state, String reason) throws InterruptedException {
        try {
            pipeline.awaitDurable(state.position);
        } catch (IOException e) {
            return syncFailed(state, e);
        }
        state.errors.add(new IngestResponse.LineError(state.committedLines + 1, reason));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())))
                .body(new IngestResponse(state.accepted, state.rejected, List.copyOf(state.errors)));
    }

    /** The journal took the lines but could not fsync them: nothing is confirmed; a resend may duplicate some. */
    private static ResponseEntity<IngestResponse> syncFailed(Request state, IOException e) {
        String reason = "journal_sync_failed: " + e.getMessage() + "; lines 1-" + state.committedLines
                + " were written but are not confirmed durable (a resend may index some twice)";
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new IngestResponse(0, 0, List.of(new IngestResponse.LineError(1, reason))));
    }

    private static InputStream body(HttpServletRequest request) throws IOException {
        String encoding = request.getHeader("Content-Encoding");
        InputStream in = request.getInputStream();
        return encoding != null && encoding.toLowerCase().contains("gzip") ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    /** The journal failed for another reason than being full (closed at shutdown, disk error). */
    private static final class JournalWriteException extends Exception {
        JournalWriteException(IOException cause) {
            super(cause);
        }
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
        boolean bodyBroken;

        Request(IngestPipeline.Batch batch, int maxLine) {
            this.batch = batch;
            this.maxLine = maxLine;
            this.framer = new LineFramer(maxLine);
        }

        @Override
        public void line(byte[] buf, int off, int len) {
            line++;
            IngestPipeline.Rejection r = batch.add(buf, off, len);
            if (r == null) {
                pendingAccepted++;
            } else {
                error(r.toString());
            }
        }

        @Override
        public void oversized(byte[] prefix, int prefixLen, long totalLength) {
            line++;
            error(batch.addOversized(prefix, prefixLen, totalLength, maxLine).toString());
        }

        @Override
        public void blank() {
            line++;
        }

        void unreadable(IOException e) {
            if (!bodyBroken) {
                bodyBroken = true;
                errors.add(new IngestResponse.LineError(line + 1, "unreadable_body: " + e.getMessage()));
                rejected++;
            }
        }

        private void error(String reason) {
            pendingRejected++;
            if (errors.size() < IngestResponse.MAX_ERRORS) {
                errors.add(new IngestResponse.LineError(line, reason));
            }
        }

        void commit(Duration wait) throws JournalFullException, JournalWriteException, InterruptedException {
            try {
                position = batch.commit(wait);
            } catch (JournalFullException e) {
                forgetPending();
                throw e;
            } catch (IOException e) {
                forgetPending();
                throw new JournalWriteException(e);
            }
            accepted += pendingAccepted;
            rejected += pendingRejected;
            pendingAccepted = 0;
            pendingRejected = 0;
            committedLines = line;
        }

        /** The client resends everything after the committed lines: no counts, no errors for them. */
        private void forgetPending() {
            batch.discard("resend", true);
            errors.removeIf(err -> err.line() > committedLines);
        }

        IngestResponse response() {
            return new IngestResponse(accepted, rejected, List.copyOf(errors));
        }
    }
}
