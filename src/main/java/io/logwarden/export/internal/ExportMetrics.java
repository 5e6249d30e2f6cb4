package io.logwarden.export.internal;

import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Export meters for {@code /actuator/prometheus}: {@code logwarden_export_jobs_total{state,format}} (jobs that
 * ended, by outcome), {@code logwarden_export_jobs_running{format}} (jobs this instance runs now),
 * {@code logwarden_export_rows_total{format}} and {@code logwarden_export_bytes_total{format}} (of completed files),
 * {@code logwarden_export_duration_seconds{format,state}} (submission to end).
 */
@Component
class ExportMetrics {

    static final String JOBS = "logwarden.export.jobs";
    static final String RUNNING = "logwarden.export.jobs.running";
    static final String ROWS = "logwarden.export.rows";
    static final String BYTES = "logwarden.export.bytes";
    static final String DURATION = "logwarden.export.duration";

    private final MeterRegistry registry;
    private final Map<ExportFormat, AtomicInteger> running = new ConcurrentHashMap<>();

    ExportMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ExportFormat format : ExportFormat.values()) {
            AtomicInteger count = new AtomicInteger();
            running.put(format, count);
            Gauge.builder(RUNNING, count, AtomicInteger::get).description("Export jobs running on this instance")
                    .tag("format", tag(format)).register(registry);
            for (ExportState state : ExportState.values()) {
                if (state.finished() && state != ExportState.EXPIRED) {
                    counter(state, format);
                }
            }
        }
    }

    void started(ExportJob job) {
        running.get(job.request().format()).incrementAndGet();
    }

    void stopped(ExportJob job) {
        running.get(job.request().format()).decrementAndGet();
    }

    /** A job ended (completed, failed or canceled). */
    void ended(ExportJob job) {
        ExportFormat format = job.request().format();
        counter(job.state(), format).increment();
        if (job.state() == ExportState.COMPLETED) {
            Counter.builder(ROWS).description("Rows written to completed export files").tag("format", tag(format))
                    .register(registry).increment(job.rows());
            Counter.builder(BYTES).description("Bytes of completed export files").tag("format", tag(format))
                    .register(registry).increment(job.bytes());
        }
        if (job.finishedAt() != null) {
            Timer.builder(DURATION).description("Time from submission to the end of an export job")
                    .tag("format", tag(format)).tag("state", job.state().name().toLowerCase())
                    .register(registry).record(Duration.between(job.createdAt(), job.finishedAt()));
        }
    }

    private Counter counter(ExportState state, ExportFormat format) {
        return Counter.builder(JOBS).description("Export jobs that ended, by outcome")
                .tag("state", state.name().toLowerCase()).tag("format", tag(format)).register(registry);
    }

    private static String tag(ExportFormat format) {
        return format.name().toLowerCase();
    }
}
