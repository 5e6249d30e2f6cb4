package io.logwarden.alert.internal;

import io.logwarden.alert.AlertConflictException;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertRuleService;
import io.logwarden.alert.AlertService;
import io.logwarden.alert.AlertState;
import io.logwarden.alert.AlertTransition;
import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.AlertView;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.InAppNotification;
import io.logwarden.alert.NotificationPreferences;
import io.logwarden.alert.NotificationService;
import io.logwarden.alert.RulePreview;
import io.logwarden.alert.RuleRunState;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the alert feature: {@code /api/v1/alerts/rules} (CRUD, validate, test-send, preview, history, run
 * status) and {@code /api/v1/alerts} (list, acknowledge, snooze) plus the caller's notification centre and
 * notification preferences. Role checks are on the services.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertRestController {

    private final AlertRuleService rules;
    private final AlertService alerts;
    private final NotificationService notifications;

    AlertRestController(AlertRuleService rules, AlertService alerts, NotificationService notifications) {
        this.rules = rules;
        this.alerts = alerts;
        this.notifications = notifications;
    }

    @GetMapping("/rules")
    List<AlertRule> rules() {
        return rules.rules();
    }

    @GetMapping("/rules/{id}")
    AlertRule rule(@PathVariable String id) {
        return rules.rule(id).orElseThrow(() -> new NoSuchElementException("No alert rule " + id));
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    AlertRule create(@RequestBody AlertRule draft) {
        return rules.create(draft);
    }

    @PutMapping("/rules/{id}")
    AlertRule update(@PathVariable String id, @RequestBody AlertRule draft) {
        return rules.update(id, draft);
    }

    @DeleteMapping("/rules/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/rules/{id}/enable")
    AlertRule enable(@PathVariable String id) {
        return rules.setEnabled(id, true);
    }

    @PostMapping("/rules/{id}/disable")
    AlertRule disable(@PathVariable String id) {
        return rules.setEnabled(id, false);
    }

    @PostMapping("/rules/validate")
    Map<String, List<String>> validate(@RequestBody AlertRule draft) {
        return Map.of("errors", rules.validate(draft));
    }

    /** Sends a test notification over the channels of the draft in the body (saved secrets are reused by id). */
    @PostMapping("/rules/test")
    List<DeliveryResult> test(@RequestBody AlertRule draft) {
        return rules.testSend(draft);
    }

    @PostMapping("/rules/{id}/test")
    List<DeliveryResult> testSaved(@PathVariable String id) {
        return rules.testSend(rule(id));
    }

    @PostMapping("/rules/preview")
    RulePreview preview(@RequestBody AlertRule draft) {
        return rules.preview(draft);
    }

    @PostMapping("/rules/{id}/preview")
    RulePreview previewSaved(@PathVariable String id) {
        return rules.preview(rule(id));
    }

    /** How each visible rule's evaluations go (last run, current error). */
    @GetMapping("/rules/status")
    Map<String, RuleRunState> status() {
        return rules.runStates();
    }

    @GetMapping("/rules/{id}/history")
    List<AlertTransition> history(@PathVariable String id, @RequestParam(defaultValue = "100") int max) {
        return alerts.history(id, max);
    }

    @GetMapping
    List<AlertView> list(@RequestParam(defaultValue = "all") String status) {
        if (!status.equals("all") && !status.equals("firing")) {
            throw new AlertValidationException(List.of("status must be 'all' or 'firing'"));
        }
        return alerts.alerts(status.equals("firing"));
    }

    @PostMapping("/{alertId}/acknowledge")
    AlertState acknowledge(@PathVariable String alertId) {
        return alerts.acknowledge(alertId);
    }

    /** Body {@code {"duration":"PT1H"}} (ISO-8601). */
    @PostMapping("/{alertId}/snooze")
    AlertState snooze(@PathVariable String alertId, @RequestBody Map<String, String> body) {
        String value = body.get("duration");
        if (value == null) {
            throw new AlertValidationException(List.of("duration is required, e.g. {\"duration\":\"PT1H\"}"));
        }
        try {
            return alerts.snooze(alertId, Duration.parse(value));
        } catch (DateTimeParseException e) {
            throw new AlertValidationException(List.of("duration must be ISO-8601 like PT30M, got '" + value + "'"));
        }
    }

    @GetMapping("/notifications")
    List<InAppNotification> notifications(@RequestParam(defaultValue = "50") int max) {
        return notifications.notifications(max);
    }

    @GetMapping("/notifications/unread-count")
    Map<String, Long> unread() {
        return Map.of("unread", notifications.unreadCount());
    }

    @PostMapping("/notifications/{id}/read")
    ResponseEntity<Void> read(@PathVariable String id) {
        notifications.markRead(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/notifications/read-all")
    Map<String, Integer> readAll() {
        return Map.of("marked", notifications.markAllRead());
    }

    @GetMapping("/preferences")
    NotificationPreferences preferences() {
        return notifications.preferences();
    }

    /** Body {@code {"channels":[{"type":"EMAIL","address":"me@example.org","severities":["HIGH","CRITICAL"]}]}}. */
    @PutMapping("/preferences")
    NotificationPreferences savePreferences(@RequestBody NotificationPreferences body) {
        return notifications.savePreferences(body.channels());
    }

    @ExceptionHandler(AlertConflictException.class)
    ResponseEntity<Map<String, String>> conflict(AlertConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(AlertValidationException.class)
    ResponseEntity<Map<String, List<String>>> invalid(AlertValidationException e) {
        return ResponseEntity.badRequest().body(Map.of("errors", e.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, List<String>>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return ResponseEntity.badRequest().body(Map.of("errors", List.of("request body is not a valid rule: "
                + (cause == null ? e.getMessage() : cause.getMessage()))));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, List<String>>> badArgument(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("errors", List.of(String.valueOf(e.getMessage()))));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
