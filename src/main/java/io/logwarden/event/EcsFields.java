package io.logwarden.event;

import java.util.Map;
import java.util.Set;

/** The ECS field names of Logwarden's event schema (DESIGN.md) and the aliases accepted on input. */
public final class EcsFields {

    public static final String TIMESTAMP = "@timestamp";
    public static final String INGESTED = "event.ingested";
    public static final String MESSAGE = "message";
    public static final String LEVEL = "log.level";
    public static final String TAGS = "tags";
    public static final String LABELS = "labels";

    /** How a known field's value is typed in the index. */
    public enum Kind { STRING, STRING_LIST, LONG, IP, OPAQUE }

    /** Every schema field except {@code @timestamp}, {@code event.ingested} and {@code labels}. */
    public static final Map<String, Kind> KNOWN = Map.ofEntries(
            Map.entry(MESSAGE, Kind.STRING),
            Map.entry(LEVEL, Kind.STRING),
            Map.entry("log.logger", Kind.STRING),
            Map.entry("log.origin.function", Kind.STRING),
            Map.entry("log.origin.file.name", Kind.STRING),
            Map.entry("log.origin.file.line", Kind.LONG),
            Map.entry("process.thread.name", Kind.STRING),
            Map.entry("service.name", Kind.STRING),
            Map.entry("service.environment", Kind.STRING),
            Map.entry("host.name", Kind.STRING),
            Map.entry("trace.id", Kind.STRING),
            Map.entry("span.id", Kind.STRING),
            Map.entry("http.request.id", Kind.STRING),
            Map.entry("session.id", Kind.STRING),
            Map.entry("organization.id", Kind.STRING),
            Map.entry("user.id", Kind.STRING),
            Map.entry("user.name", Kind.STRING),
            Map.entry("user.email", Kind.STRING),
            Map.entry("user.roles", Kind.STRING_LIST),
            Map.entry("source.ip", Kind.IP),
            Map.entry("user_agent.original", Kind.STRING),
            Map.entry("event.action", Kind.STRING),
            Map.entry("event.category", Kind.STRING_LIST),
            Map.entry("event.outcome", Kind.STRING),
            Map.entry("event.duration", Kind.LONG),
            Map.entry("audit.source", Kind.STRING),
            Map.entry("audit.status", Kind.STRING),
            Map.entry("audit.entity.type", Kind.STRING),
            Map.entry("audit.entity.id", Kind.STRING),
            Map.entry("audit.before", Kind.OPAQUE),
            Map.entry("audit.after", Kind.OPAQUE),
            Map.entry("audit.changes", Kind.OPAQUE),
            Map.entry("job.id", Kind.STRING),
            Map.entry("job.name", Kind.STRING),
            Map.entry("job.state", Kind.STRING),
            Map.entry("error.type", Kind.STRING),
            Map.entry("error.message", Kind.STRING),
            Map.entry("error.stack_trace", Kind.STRING),
            Map.entry(TAGS, Kind.STRING_LIST));

    /** Values of these fields are lower-cased (they are small closed vocabularies). */
    public static final Set<String> LOWER_CASED = Set.of(
            "event.outcome", "audit.source", "audit.status", "job.state");

    /**
     * logstash-logback-encoder default names and common MDC keys, mapped onto schema fields.
     * Matching is on the exact key as sent.
     */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("level", LEVEL),
            Map.entry("logger_name", "log.logger"),
            Map.entry("thread_name", "process.thread.name"),
            Map.entry("stack_trace", "error.stack_trace"),
            Map.entry("caller_method_name", "log.origin.function"),
            Map.entry("caller_file_name", "log.origin.file.name"),
            Map.entry("caller_line_number", "log.origin.file.line"),
            Map.entry("HOSTNAME", "host.name"),
            Map.entry("hostname", "host.name"),
            Map.entry("host", "host.name"),
            Map.entry("app_name", "service.name"),
            Map.entry("appName", "service.name"),
            Map.entry("application", "service.name"),
            Map.entry("service", "service.name"),
            Map.entry("env", "service.environment"),
            Map.entry("environment", "service.environment"),
            Map.entry("traceId", "trace.id"),
            Map.entry("trace_id", "trace.id"),
            Map.entry("spanId", "span.id"),
            Map.entry("span_id", "span.id"),
            Map.entry("requestId", "http.request.id"),
            Map.entry("request_id", "http.request.id"),
            Map.entry("sessionId", "session.id"),
            Map.entry("session_id", "session.id"),
            Map.entry("userId", "user.id"),
            Map.entry("user_id", "user.id"),
            Map.entry("username", "user.name"),
            Map.entry("userName", "user.name"),
            Map.entry("tenantId", "organization.id"),
            Map.entry("tenant_id", "organization.id"),
            Map.entry("orgId", "organization.id"),
            Map.entry("organizationId", "organization.id"),
            Map.entry("clientIp", "source.ip"),
            Map.entry("client_ip", "source.ip"),
            Map.entry("userAgent", "user_agent.original"));

    /** Input fields dropped because they carry nothing for the schema. */
    public static final Set<String> DROPPED = Set.of("@version", "level_value", "ecs.version");

    private EcsFields() {
    }
}
