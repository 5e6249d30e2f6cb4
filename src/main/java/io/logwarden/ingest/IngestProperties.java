package io.logwarden.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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

    /** Smallest accepted max-line-size. */
    static final long MIN_LINE = 1024;
    /** Largest accepted max-line-size: a journal record holds the normalised document and a kept original. */
    static final long MAX_LINE = 64L << 20;
    /** Journal room for an event beyond twice its line: entry header, kept original, normaliser growth. */
    private static final long RECORD_SLACK = 64 * 1024 + 16 * 1024;

    /**
     * The journal's record limit: an event's entry holds its normalised document (which can be larger than the
     * line, e.g. numbers re-serialised) and the first 16 KiB of the line. Larger entries are dead-lettered.
     */
    public long maxJournalRecordBytes() {
        long maxLine = Math.max(tcp == null ? 0 : tcp.maxLineSize().toBytes(),
                http == null ? 0 : http.maxLineSize().toBytes());
        return 2 * maxLine + RECORD_SLACK;
    }

    @AssertTrue(message = "logwarden.ingest.journal.segment-size must exceed twice the larger max-line-size plus 80 KiB")
    public boolean isSegmentLargerThanARecord() {
        return tcp == null || http == null || journal == null
                || journal.segmentSize().toBytes() > maxJournalRecordBytes() + 8;
    }

    /**
     * @param enabled          whether to listen at all
     * @param host             address to bind; keep 127.0.0.1 unless senders are remote (then use TLS)
     * @param port             port to bind (0 = any free port)
     * @param maxLineSize      longer lines are dead-lettered (first KiB kept) and skipped; the connection survives
     * @param sslBundle        name of a Spring SSL bundle ({@code spring.ssl.bundle.*}) to serve TLS; empty = plain
     *                         TCP. The bundle's {@code options.enabled-protocols} and {@code options.ciphers} apply.
     * @param maxConnections   connections beyond this are closed at once (each may hold up to max-line-size)
     * @param readTimeout      a connection that sends nothing (not even a keep-alive) for this long is closed
     * @param handshakeTimeout longest a TLS handshake may take
     * @param drainTimeout     at shutdown, how long connections may finish sending before they are cut
     */
    public record Tcp(@DefaultValue("true") boolean enabled,
                      @DefaultValue("127.0.0.1") @NotBlank String host,
                      @DefaultValue("4560") @Min(0) @Max(65535) int port,
                      @DefaultValue("1MB") @NotNull DataSize maxLineSize,
                      String sslBundle,
                      @DefaultValue("256") @Min(1) int maxConnections,
                      @DefaultValue("10m") @NotNull Duration readTimeout,
                      @DefaultValue("10s") @NotNull Duration handshakeTimeout,
                      @DefaultValue("5s") @NotNull Duration drainTimeout) {

        @AssertTrue(message = "logwarden.ingest.tcp.max-line-size must be between 1KB and 64MB")
        public boolean isMaxLineSizeInRange() {
            return maxLineSize == null || inRange(maxLineSize);
        }

        @AssertTrue(message = "logwarden.ingest.tcp read-timeout, handshake-timeout and drain-timeout must be positive")
        public boolean isTimeoutsPositive() {
            return positive(readTimeout) && positive(handshakeTimeout) && positive(drainTimeout);
        }
    }

    /**
     * @param maxLineSize      longer NDJSON lines are rejected with a per-line error
     * @param journalFullWait  how long a request waits for journal space before answering 503 (0 = not at all)
     * @param retryAfter       the {@code Retry-After} sent with a 503
     */
    public record Http(@DefaultValue("1MB") @NotNull DataSize maxLineSize,
                       @DefaultValue("2s") @NotNull Duration journalFullWait,
                       @DefaultValue("10s") @NotNull Duration retryAfter) {

        public Duration journalFullWaitOrZero() {
            return journalFullWait.isNegative() ? Duration.ZERO : journalFullWait;
        }

        @AssertTrue(message = "logwarden.ingest.http.max-line-size must be between 1KB and 64MB")
        public boolean isMaxLineSizeInRange() {
            return maxLineSize == null || inRange(maxLineSize);
        }

        @AssertTrue(message = "logwarden.ingest.http.journal-full-wait must not be negative and retry-after must be "
                + "at least one second")
        public boolean isWaitsValid() {
            return (journalFullWait == null || !journalFullWait.isNegative())
                    && (retryAfter == null || retryAfter.toSeconds() >= 1);
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

        @AssertTrue(message = "logwarden.ingest.journal.max-size must be at least twice segment-size")
        public boolean isMaxSizeAtLeastTwoSegments() {
            return segmentSize == null || maxSize == null || maxSize.toBytes() >= 2 * segmentSize.toBytes();
        }

        @AssertTrue(message = "logwarden.ingest.journal.fsync-interval must be positive")
        public boolean isFsyncIntervalPositive() {
            return fsyncInterval == null || positive(fsyncInterval);
        }
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

        @AssertTrue(message = "logwarden.ingest.shipper flush-interval and min-backoff must be positive, "
                + "max-backoff at least min-backoff, bulk-size at least 1KB")
        public boolean isTimingValid() {
            return positive(flushInterval) && positive(minBackoff) && maxBackoff != null && minBackoff != null
                    && maxBackoff.compareTo(minBackoff) >= 0 && bulkSize != null && bulkSize.toBytes() >= 1024;
        }
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

    private static boolean inRange(DataSize size) {
        return size.toBytes() >= MIN_LINE && size.toBytes() <= MAX_LINE;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
