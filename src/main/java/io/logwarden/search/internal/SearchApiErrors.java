package io.logwarden.search.internal;

import io.logwarden.search.QuerySyntaxException;
import io.logwarden.storage.CursorExpiredException;
import io.logwarden.storage.StorageUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The search API's errors as {@code {"error":"...","message":"..."}} with a fitting status. */
@RestControllerAdvice(assignableTypes = SearchApiController.class)
class SearchApiErrors {

    @ExceptionHandler(QuerySyntaxException.class)
    ResponseEntity<Map<String, Object>> badQuery(QuerySyntaxException e) {
        Map<String, Object> body = body("bad_request", e.getMessage());
        if (e.position() >= 0) {
            body.put("position", e.column());
        }
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        String message = e instanceof MethodArgumentTypeMismatchException m
                ? "Parameter '" + m.getName() + "' has an invalid value '" + m.getValue() + "'" : e.getMessage();
        return ResponseEntity.badRequest().body(body("bad_request", message));
    }

    @ExceptionHandler(CursorExpiredException.class)
    ResponseEntity<Map<String, Object>> expired(CursorExpiredException e) {
        return ResponseEntity.status(HttpStatus.GONE).body(body("cursor_expired", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body("forbidden", e.getMessage()));
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<Map<String, Object>> unavailable(StorageUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(body("storage_unavailable",
                e.getMessage()));
    }

    private static Map<String, Object> body(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }
}
