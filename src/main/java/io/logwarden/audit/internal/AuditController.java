package io.logwarden.audit.internal;

import io.logwarden.audit.AuditService;
import io.logwarden.audit.ChainVerification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/audit}: browse the platform audit trail and verify its hash chain. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    /** Checks the chain of the UTC days {@code from}..{@code to} (ISO dates or instants; default: today). */
    @GetMapping("/verify")
    ChainVerification verify(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from == null ? (to == null ? today : day(to)) : day(from);
        LocalDate last = to == null ? (from == null ? today : first.isAfter(today) ? first : today) : day(to);
        return audit.verify(first, last);
    }

    /** Audit records matching {@code q} (Lucene syntax) in [{@code from}, {@code to}), newest first. */
    @GetMapping
    AuditService.AuditPage search(@RequestParam(defaultValue = "") String q,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(defaultValue = "100") int size) {
        Instant end = to == null ? Instant.now().plusSeconds(1) : instant(to);
        Instant start = from == null ? end.minus(1, ChronoUnit.DAYS) : instant(from);
        return audit.search(q, start, end, size);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
    }

    static LocalDate day(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value) : LocalDate.ofInstant(instant(value), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a date: " + value);
        }
    }

    static Instant instant(String value) {
        try {
            if (value.startsWith("now")) {
                return value.equals("now") ? Instant.now() : Instant.now().minus(java.time.Duration.parse(
                        "PT" + value.substring(4).toUpperCase()));
            }
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Not an ISO-8601 instant, date or now-<n>h/m: " + value);
        }
    }
}
