package io.logwarden.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic, varied logstash-logback-encoder lines of about 520 bytes: message of 8-28 words, logger, thread, level,
 * MDC ids, a custom field, and either audit fields with an object ({@code audit.after}) or two unknown numeric
 * fields; ERROR lines carry a stack trace. Deterministic for a seed.
 */
final class BenchEvents {

    private static final String[] LOGGERS = {"com.acme.billing.InvoiceService", "com.acme.orders.OrderController",
            "com.acme.auth.LoginFilter", "org.springframework.web.servlet.DispatcherServlet",
            "com.acme.jobs.NightlyExport", "com.zaxxer.hikari.pool.HikariPool"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] ACTIONS = {"invoice.create", "invoice.update", "order.ship", "user.login",
            "user.logout", "export.run"};
    private static final String[] WORDS = {"request", "completed", "customer", "invoice", "payment", "timeout",
            "retry", "cache", "miss", "order", "shipped", "warehouse", "token", "refresh", "connection", "pool",
            "exhausted", "latency", "slow", "query", "user", "session", "expired", "validation", "failed"};

    /** Writes one line per call, newline-terminated; event {@code i} gets timestamp {@code baseMillis + i}. */
    static final class Generator {
        private final Random random;
        private final String runId;
        private final long baseMillis;
        private final StringBuilder line = new StringBuilder(768);
        private final StringBuilder msg = new StringBuilder(256);
        private int next;

        Generator(long seed, String runId, long baseMillis) {
            this.random = new Random(seed);
            this.runId = runId;
            this.baseMillis = baseMillis;
        }

        byte[] next() {
            msg.setLength(0);
            int words = 8 + random.nextInt(20);
            for (int w = 0; w < words; w++) {
                msg.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            msg.append(random.nextInt(100_000));
            String level = LEVELS[random.nextInt(LEVELS.length)];
            line.setLength(0);
            line.append("{\"@timestamp\":\"").append(Instant.ofEpochMilli(baseMillis + next++)).append("\",\"@version\":\"1\",")
                    .append("\"message\":\"").append(msg).append("\",")
                    .append("\"logger_name\":\"").append(LOGGERS[random.nextInt(LOGGERS.length)]).append("\",")
                    .append("\"thread_name\":\"http-nio-8080-exec-").append(random.nextInt(200)).append("\",")
                    .append("\"level\":\"").append(level).append("\",\"level_value\":20000,")
                    .append("\"app_name\":\"svc-").append(random.nextInt(12)).append("\",")
                    .append("\"traceId\":\"").append(Long.toHexString(random.nextLong())).append("\",")
                    .append("\"userId\":\"u-").append(random.nextInt(5000)).append("\",")
                    .append("\"tenantId\":\"t-").append(random.nextInt(40)).append("\",")
                    .append("\"bench_run\":\"").append(runId).append("\"");
            if (random.nextInt(4) == 0) {
                line.append(",\"event.action\":\"").append(ACTIONS[random.nextInt(ACTIONS.length)])
                        .append("\",\"audit.entity.type\":\"invoice\",\"audit.entity.id\":\"INV-").append(random.nextInt(1_000_000))
                        .append("\",\"audit.after\":{\"status\":\"paid\",\"amount\":").append(random.nextInt(10_000)).append('}');
            } else {
                line.append(",\"duration_ms\":").append(random.nextInt(3000))
                        .append(",\"http_status\":").append(random.nextBoolean() ? 200 : 404);
            }
            if (level.equals("ERROR")) {
                line.append(",\"stack_trace\":\"java.lang.IllegalStateException: ").append(WORDS[random.nextInt(WORDS.length)])
                        .append("\\n\\tat com.acme.Service.call(Service.java:42)\\n\\tat com.acme.Controller.handle(Controller.java:17)\"");
            }
            line.append("}\n");
            return line.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private BenchEvents() {
    }

    /** {@code count} lines in memory, timestamps counting up from now (for in-process benchmarks). */
    static List<byte[]> generate(int count, long seed, String runId) {
        Generator generator = new Generator(seed, runId, Instant.now().toEpochMilli());
        List<byte[]> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(generator.next());
        }
        return lines;
    }
}
