package io.logwarden.retention.internal;

import io.logwarden.retention.RetentionPlan;
import io.logwarden.retention.RetentionService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/retention}: dry-run preview and an immediate run (admins only, checked by the service). */
@RestController
@RequestMapping("/api/v1/retention")
class RetentionController {

    private final RetentionService retention;

    RetentionController(RetentionService retention) {
        this.retention = retention;
    }

    @GetMapping("/preview")
    RetentionPlan preview() {
        return retention.preview();
    }

    @PostMapping("/apply")
    RetentionPlan apply() {
        return retention.apply();
    }
}
