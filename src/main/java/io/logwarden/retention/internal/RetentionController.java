package io.logwarden.retention.internal;

import io.logwarden.retention.RetentionPlan;
import io.logwarden.retention.RetentionService;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/retention}: dry-run preview and applying it (admins only, checked by the service). */
@RestController
@RequestMapping("/api/v1/retention")
class RetentionController {

    /** The deletions of a preview to carry out: {@code {"indices":["logwarden-events-2025.01.01", ...]}}. */
    record ApplyBody(List<String> indices) {
    }

    private final RetentionService retention;

    RetentionController(RetentionService retention) {
        this.retention = retention;
    }

    @GetMapping("/preview")
    RetentionPlan preview() {
        return retention.preview();
    }

    @PostMapping("/apply")
    RetentionPlan apply(@RequestBody(required = false) ApplyBody body) {
        if (body == null || body.indices() == null) {
            throw new IllegalArgumentException("Give the previewed deletions to apply: {\"indices\":[...]} (the "
                    + "DELETE indices of GET /api/v1/retention/preview)");
        }
        return retention.apply(body.indices());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", e.getMessage()));
    }
}
