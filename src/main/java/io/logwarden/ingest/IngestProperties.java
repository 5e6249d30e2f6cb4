package io.logwarden.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Ingestion settings ({@code logwarden.ingest.*}).
 *
 * @param tcp           the json_lines TCP input
 * @param http          the {@code POST /api/v1/ingest} input
 * @param journal       the on-disk journal every accepted event goes through
 * @param shipper       the journal-to-Elasticsearch shipper
 * @param normalization limits applied to incoming events
 */
@Validated
@ConfigurationProperties("logwarden.ingest")
public record IngestProperties(@Valid @DefaultValue Tcp tcp, @Valid @DefaultValue Http http,
                               @Valid @DefaultValue Journal journal, @Valid @DefaultValue Shipper shipper,
                               @Valid @DefaultValue Normalization normalization) {

    /**
     * @param enabled      whether to listen at all
     * @param host         address to bind; keep 127.0.0.1 unless senders are remote (then use TLS)
     * @param port         port to bind (0 = any free port)
     * @param maxLineSize  longer lines are dead-lettered (first KiB kept) and skipped; the connection survives
     * @param sslBundle    name of a Spring SSL bundle ({@code spring.ssl.bundle.*}) to serve TLS; empty = plain TCP
     */
    public record Tcp(@DefaultValue("true") boolean enabled,
                      @DefaultValue("127.0.0.1") @NotBlank String host,
                      @DefaultValue("4560") @Min(0) @Max(65535) int port,
                      @DefaultValue("1MB") @NotNull DataSize maxLineSize,
                      String sslBundle) {
    }

    /**
     * @param maxLineSize      longer NDJSON lines are rejected with a per-line error
     * @param journalFullWait  how long a request waits for journal space before answering 503
     * @param retryAfter       the {@code Retry-After} sent with a 503
     */
    public record Http(@DefaultValue("1MB") @NotNull DataSize maxLineSize,
                       @DefaultValue("2s") @NotNull Duration journalFullWait,
                       @DefaultValue("10s") @NotNull Duration retryAfter) {

        public Duration journalFullWaitOrZero() {
            return journalFullWait.isNegative() ? Duration.ZERO : journalFullWait;
        }
    }

    /**
     * @param directory      journal directory; default {@code ${logwarden.data-dir}/journal}
     * @param segmentSize    size at which a new segment file starts
     * @param maxSize        size cap of unshipped data; beyond it TCP reads pause and HTTP answers 503
     * @param fsync          when appends are forced to disk (BATCH: within fsync-interval, HTTP before answering)
     * @param fsyncInterval  the longest an appended event stays unsynced under BATCH
     */
    public record Journal(Path directory,
                          @DefaultValue("64MB") @NotNull DataSize segmentSize,
                          @DefaultValue("4GB") @NotNull DataSize maxSize,
                          @DefaultValue("BATCH") @NotNull FsyncPolicy fsync,
                          @DefaultValue("100ms") @NotNull Duration fsyncInterval) {
    }

    /**
     * @param enabled            whether to ship the journal to Elasticsearch
     * @param bulkActions        documents per bulk request
     * @param bulkSize           bytes per bulk request
     * @param concurrentRequests bulk requests in flight
     * @param flushInterval      a partial bulk is sent after this long
     * @param minBackoff         first wait after a temporary failure (doubles up to max-backoff)
     * @param maxBackoff         longest wait between retries
     */
    public record Shipper(@DefaultValue("true") boolean enabled,
                          @DefaultValue("2000") @Min(1) int bulkActions,
                          @DefaultValue("5MB") @NotNull DataSize bulkSize,
                          @DefaultValue("2") @Min(1) int concurrentRequests,
                          @DefaultValue("200ms") @NotNull Duration flushInterval,
                          @DefaultValue("500ms") @NotNull Duration minBackoff,
                          @DefaultValue("30s") @NotNull Duration maxBackoff) {
    }

    /**
     * @param maxPast         older {@code @timestamp}s are replaced by the receive time and flagged
     * @param maxFuture       later {@code @timestamp}s are replaced by the receive time and flagged
     * @param maxNestingDepth deeper JSON is rejected
     */
    public record Normalization(@DefaultValue("30d") @NotNull Duration maxPast,
                                @DefaultValue("1h") @NotNull Duration maxFuture,
                                @DefaultValue("20") @Min(2) @Max(100) int maxNestingDepth) {
    }
}
