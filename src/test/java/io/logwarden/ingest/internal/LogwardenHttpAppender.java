package io.logwarden.ingest.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts LogstashEncoder lines to Logwarden's {@code POST /api/v1/ingest} in batches of {@code batchSize} events or
 * every {@code flushMillis}. Wrap it in an {@code AsyncAppender}: a send blocks the thread that fills a batch.
 */
public class LogwardenHttpAppender extends AppenderBase<ILoggingEvent> {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private Encoder<ILoggingEvent> encoder;
    private String url;
    private String apiKey;
    private int batchSize = 500;
    private long flushMillis = 1000;
    private int maxAttempts = 10;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
    private int events;
    private HttpClient client;
    private ScheduledExecutorService timer;

    @Override
    public void start() {
        if (encoder == null || url == null || apiKey == null) {
            addError("LogwardenHttpAppender needs <encoder>, <url> and <apiKey>");
            return;
        }
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("logwarden-http-appender").unstarted(r));
        timer.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event); // one JSON object and a line separator
        batch.write(line, 0, line.length);
        if (++events >= batchSize) {
            flush();
        }
    }

    /**
     * Sends the batch; on 503 resends the lines Logwarden did not take after Retry-After. A stopping AsyncAppender
     * interrupts its worker: the batch is still sent, only the waits between attempts are skipped.
     */
    public synchronized void flush() {
        if (events == 0) {
            return;
        }
        byte[] body = batch.toByteArray();
        batch.reset();
        events = 0;
        boolean interrupted = Thread.interrupted();
        for (int attempt = 1; attempt <= maxAttempts && body.length > 0; attempt++) {
            long waitMillis;
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "ApiKey " + apiKey).header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    body = new byte[0];
                    break;
                }
                if (r.statusCode() != 503) {
                    addError("Logwarden refused a batch: " + r.statusCode() + " " + r.body());
                    body = new byte[0];
                    break;
                }
                Matcher taken = ACCEPTED.matcher(r.body());
                body = skipLines(body, taken.find() ? Integer.parseInt(taken.group(1)) : 0);
                waitMillis = 1000L * r.headers().firstValueAsLong("Retry-After").orElse(attempt);
            } catch (InterruptedException e) {
                interrupted = true;
                continue;
            } catch (Exception e) {
                addWarn("Sending to Logwarden failed (attempt " + attempt + "): " + e);
                waitMillis = Math.min(30_000, 500L << attempt);
            }
            if (!interrupted) {
                interrupted = sleep(waitMillis);
            }
        }
        if (body.length > 0) {
            addError("Gave up sending " + body.length + " bytes of log lines to Logwarden");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns whether the sleep was interrupted. */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static byte[] skipLines(byte[] body, int lines) {
        int at = 0;
        for (int i = 0; i < lines && at < body.length; i++) {
            while (at < body.length && body[at++] != '\n') {
                // to the end of this line
            }
        }
        return java.util.Arrays.copyOfRange(body, at, body.length);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdown();
        }
        flush();
        super.stop();
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }
}
