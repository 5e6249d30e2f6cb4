package io.logwarden.export.internal;

import io.logwarden.export.ExportFile;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportJobPage;
import io.logwarden.export.ExportNotFoundException;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.export.ManifestVerification;
import io.logwarden.export.WidgetExportRequest;
import io.logwarden.search.QuerySyntaxException;
import io.logwarden.search.TimeRange;
import io.logwarden.storage.QueryRejectedException;
import io.logwarden.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/exports}: start, list, follow, cancel, download and verify exports. */
@RestController
@RequestMapping("/api/v1/exports")
class ExportController {

    /** Body of {@code POST /api/v1/exports}; {@code from}/{@code to} as in Search (ISO-8601, {@code now-24h}). */
    record ExportBody(String query, String from, String to, List<String> fields, String format, Boolean gzip) {
    }

    /** Body of {@code POST /api/v1/exports/widget}: the widget by dashboard id and position (from 0). */
    record WidgetBody(String dashboardId, Integer widget, String from, String to, String format, Boolean gzip) {
    }

    /** Body of {@code POST /api/v1/exports/{id}/verify} as JSON. */
    record Sha256Body(String sha256) {
    }

    private final ExportService exports;
    private final Clock clock;

    ExportController(ExportService exports, ObjectProvider<Clock> clock) {
        this.exports = exports;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> submit(@RequestBody ExportBody body) {
        TimeRange range = range(body.from(), body.to());
        ExportJob job = exports.submit(new ExportRequest(body.query(), range.from(), range.to(), body.fields(),
                format(body.format()), Boolean.TRUE.equals(body.gzip())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(job));
    }

    @PostMapping("/widget")
    ResponseEntity<Map<String, Object>> submitWidget(@RequestBody WidgetBody body) {
        TimeRange range = range(body.from(), body.to());
        if (body.widget() == null) {
            throw new IllegalArgumentException("'widget' (the widget's position on the dashboard, from 0) is required");
        }
        ExportJob job = exports.submitWidget(new WidgetExportRequest(body.dashboardId(), body.widget(), range.from(),
                range.to(), format(body.format()), Boolean.TRUE.equals(body.gzip())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(job));
    }

    /** {@code {"total":N,"jobs":[...]}}, newest first. */
    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "0") int from, @RequestParam(defaultValue = "50") int size) {
        ExportJobPage page = exports.jobs(from, size);
        return Map.of("total", page.total(), "jobs", page.jobs().stream().map(this::status).toList());
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return status(exports.job(id));
    }

    @PostMapping("/{id}/cancel")
    Map<String, Object> cancel(@PathVariable String id) {
        return status(exports.cancel(id));
    }

    @GetMapping("/{id}/download")
    ResponseEntity<Resource> download(@PathVariable String id) {
        ExportFile file = exports.file(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .body(new FileSystemResource(file.path()));
    }

    /** The signed manifest, byte for byte as signed (also after the file has expired). */
    @GetMapping("/{id}/manifest")
    ResponseEntity<String> manifest(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(id + ".manifest.json").build().toString())
                .body(exports.manifest(id));
    }

    /** Checks the server's copy of the file against the manifest. */
    @GetMapping("/{id}/verify")
    ManifestVerification verify(@PathVariable String id) {
        return exports.verify(id);
    }

    /** Checks a SHA-256 given as {@code {"sha256":"..."}} against the manifest. */
    @PostMapping(path = "/{id}/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    ManifestVerification verifySha256(@PathVariable String id, @RequestBody Sha256Body body) {
        return exports.verifySha256(id, body.sha256());
    }

    /** Checks a copy of the file, sent as the request body (any other content type), against the manifest. */
    @PostMapping(path = "/{id}/verify")
    ManifestVerification verifyCopy(@PathVariable String id, HttpServletRequest request) throws IOException {
        try (InputStream copy = request.getInputStream()) {
            return exports.verify(id, copy);
        }
    }

    private TimeRange range(String from, String to) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("'from' is required (ISO-8601 or now-24h)");
        }
        return TimeRange.parse(from, to, from, clock);
    }

    private static ExportFormat format(String format) {
        try {
            return ExportFormat.valueOf(String.valueOf(format).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'format' must be CSV, NDJSON or XLSX");
        }
    }

    Map<String, Object> status(ExportJob job) {
        Instant now = clock.instant();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", job.id());
        status.put("state", job.state().name());
        status.put("purpose", job.purpose());
        status.put("format", job.request().format().name());
        status.put("gzip", job.request().gzip());
        status.put("query", job.request().query());
        status.put("from", job.request().from().toString());
        status.put("to", job.request().to().toString());
        status.put("fields", job.source().widget() != null ? job.source().widget().columns() : job.request().fields());
        status.put("rows", job.rows());
        status.put("totalRows", job.totalRows());
        status.put("percent", job.percent());
        Duration eta = job.eta(now);
        status.put("etaSeconds", eta == null ? null : eta.toSeconds());
        status.put("bytes", job.bytes());
        status.put("sha256", job.sha256());
        status.put("createdBy", job.submittedBy().username());
        status.put("createdAt", job.createdAt().toString());
        status.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        status.put("expiresAt", job.expiresAt() == null ? null : job.expiresAt().toString());
        status.put("restarts", job.restarts());
        status.put("runningOn", job.lease() == null ? null : job.lease().owner());
        status.put("error", job.error());
        return status;
    }

    @ExceptionHandler(ExportNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(ExportNotFoundException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler(QuerySyntaxException.class)
    ResponseEntity<Map<String, Object>> badQuery(QuerySyntaxException e) {
        ResponseEntity<Map<String, Object>> response = error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
        if (e.position() >= 0) {
            response.getBody().put("position", e.position());
        }
        return response;
    }

    @ExceptionHandler({IllegalArgumentException.class, QueryRejectedException.class})
    ResponseEntity<Map<String, Object>> badRequest(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, Object>> conflict(IllegalStateException e) {
        return error(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<Map<String, Object>> unavailable(StorageUnavailableException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "storage_unavailable", e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", String.valueOf(message));
        return ResponseEntity.status(status).body(body);
    }
}
