package io.logwarden.security.internal;

import io.logwarden.security.ApiKey;
import io.logwarden.security.ApiKeyService;
import io.logwarden.security.CreatedApiKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Admin API for ingest keys: {@code /api/v1/admin/api-keys} (HTTP Basic, ADMIN role). */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeyController {

    private final ApiKeyService apiKeys;

    ApiKeyController(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateRequest(String name) {
    }

    @PostMapping
    ResponseEntity<Object> create(@RequestBody CreateRequest request, Authentication user) {
        try {
            CreatedApiKey created = apiKeys.create(request.name(), user.getName());
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", created.key().id(),
                    "name", created.key().name(), "key", created.value()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid", "message", e.getMessage()));
        }
    }

    @GetMapping
    List<ApiKey> list() {
        return apiKeys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        return apiKeys.revoke(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
