package io.logwarden.export.internal;

import io.logwarden.export.AnonymisationResult;
import io.logwarden.export.DataSubject;
import io.logwarden.export.DataSubjectReport;
import io.logwarden.export.DataSubjectService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/data-subject-requests}: find, export and anonymise the events about a person. */
@RestController
@RequestMapping("/api/v1/data-subject-requests")
class DataSubjectController {

    record SubjectBody(String userId, String email, String name, Boolean gzip) {
    }

    private final DataSubjectService subjects;
    private final ExportController exports;

    DataSubjectController(DataSubjectService subjects, ExportController exports) {
        this.subjects = subjects;
        this.exports = exports;
    }

    @PostMapping("/find")
    DataSubjectReport find(@RequestBody SubjectBody body) {
        return subjects.find(subject(body));
    }

    @PostMapping("/export")
    ResponseEntity<Map<String, Object>> export(@RequestBody SubjectBody body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(exports.status(
                subjects.export(subject(body), Boolean.TRUE.equals(body.gzip()))));
    }

    @PostMapping("/anonymise")
    AnonymisationResult anonymise(@RequestBody SubjectBody body) {
        return subjects.anonymise(subject(body));
    }

    private static DataSubject subject(SubjectBody body) {
        return new DataSubject(body.userId(), body.email(), body.name());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", e.getMessage()));
    }
}
