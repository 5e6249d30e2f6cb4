package io.logwarden.security.internal;

import io.logwarden.security.AccessService;
import io.logwarden.security.CurrentUser;
import io.logwarden.security.UserRequest;
import io.logwarden.security.UserService;
import io.logwarden.security.UserSummary;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users} (ADMIN, enforced by {@link UserService}) and {@code /api/v1/me} (anyone logged in). */
@RestController
class UserController {

    private final UserService users;
    private final AccessService access;

    UserController(UserService users, AccessService access) {
        this.users = users;
        this.access = access;
    }

    @GetMapping("/api/v1/me")
    CurrentUser me() {
        return access.current();
    }

    @GetMapping("/api/v1/users")
    List<UserSummary> list() {
        return users.list();
    }

    @GetMapping("/api/v1/users/{username}")
    UserSummary get(@PathVariable String username) {
        return users.get(username);
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserSummary create(@RequestBody UserRequest request) {
        return users.create(request);
    }

    @PutMapping("/api/v1/users/{username}")
    UserSummary update(@PathVariable String username, @RequestBody UserRequest request) {
        if (request.username() != null && !request.username().equals(username)) {
            throw new IllegalArgumentException("username cannot be changed");
        }
        return users.update(username, request);
    }

    @DeleteMapping("/api/v1/users/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username) {
        users.delete(username);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return error(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", String.valueOf(message)));
    }
}
