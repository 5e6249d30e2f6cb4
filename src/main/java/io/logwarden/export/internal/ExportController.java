package io.logwarden.export.internal;

import io.logwarden.export.ExportFile;
import io.logwarden.export.ExportFormat;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportManifest;
import io.logwarden.export.ExportNotFoundException;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportService;
import io.logwarden.export.ManifestVerification;
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
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/exports}: start, follow, cancel, download and verify exports. */
@RestController
@RequestMapping("/api/v1/exports")
class ExportController {

    /** Body of {@code POST /api/v1/exports}; {@code from}/{@code to} accept ISO-8601 or {@code now-24h}. */
    record ExportBody(String query, String from, String to, List<String> fields, String format, Boolean gzip) {
    }

    private final ExportService exports;
    private final Clock clock;

    ExportController(ExportService exports, ObjectProvider<Clock> clock) {
        this.exports = exports;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> submit(@RequestBody ExportBody body) {
        Instant now = clock.instant();
        ExportFormat format;
        try {
            format = ExportFormat.valueOf(String.valueOf(body.format()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'format' must be CSV, NDJSON or XLSX");
        }
        ExportJob job = exports.submit(new ExportRequest(body.query(),
                TimeExpressions.parse(body.from(), now, "from"), TimeExpressions.parse(body.to(), now, "to"),
                body.fields(), format, Boolean.TRUE.equals(body.gzip())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(job));
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return exports.jobs().stream().map(this::status).toList();
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
                .contentType(MediaType.parseMediaType(file.fileName().endsWith(".gz") ? "application/gzip"
                        : file.contentType()))
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .body(new FileSystemResource(file.path()));
    }

    @GetMapping("/{id}/manifest")
    ExportManifest manifest(@PathVariable String id) {
        return exports.manifest(id);
    }

    @GetMapping("/{id}/verify")
    ManifestVerification verify(@PathVariable String id) {
        return exports.verify(id);
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
        status.put("fields", job.request().fields());
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
        status.put("error", job.error());
        return status;
    }

    @ExceptionHandler(ExportNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(ExportNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "message",
                e.getMessage()));
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        HttpStatus status = e instanceof IllegalStateException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("error", status == HttpStatus.CONFLICT ? "conflict"
                : "bad_request", "message", String.valueOf(e.getMessage())));
    }
}
