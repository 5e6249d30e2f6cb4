package io.logwarden.search.internal;

import io.logwarden.search.FoundEvent;
import io.logwarden.search.Histogram;
import io.logwarden.search.SearchResult;
import io.logwarden.search.SearchService;
import io.logwarden.search.TimeRange;
import io.logwarden.search.TopValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/events} and {@code /api/v1/fields}: role-scoped search over HTTP (DESIGN.md, public interfaces). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Search", description = "Role-scoped full-text search over events (Lucene query syntax)")
class SearchApiController {

    private final SearchService search;

    SearchApiController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/events")
    @Operation(summary = "Search events, newest first",
            description = "Answers {\"total\":N,\"events\":[...],\"cursor\":\"...\"}; pass the cursor back (with the "
                    + "same q and fields) for the next page. cursor is null on the last page.")
    Map<String, Object> events(
            @Parameter(description = "Lucene query, e.g. log.level:error AND service.name:shop") @RequestParam(defaultValue = "") String q,
            @Parameter(description = "ISO-8601 or now-15m/now-24h/now-7d; default now-15m") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 or now-...; default now") @RequestParam(required = false) String to,
            @Parameter(description = "events per page, 1-1000") @RequestParam(defaultValue = "50") int size,
            @Parameter(description = "cursor of the previous page; an expired one answers 410") @RequestParam(required = false) String cursor,
            @Parameter(description = "comma-separated fields to return; default all") @RequestParam(required = false) String fields) {
        List<String> fieldList = fields == null || fields.isBlank() ? List.of()
                : Arrays.stream(fields.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList();
        SearchResult result = search.search(q, search.range(from, to), size, cursor, fieldList);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.total());
        body.put("events", result.events().stream().map(SearchApiController::json).toList());
        body.put("cursor", result.cursor());
        return body;
    }

    @GetMapping("/events/{id}")
    @Operation(summary = "One event by id, if your scope covers it")
    ResponseEntity<Map<String, Object>> event(@PathVariable String id) {
        return search.event(id).map(e -> ResponseEntity.ok(json(e)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found",
                        "message", "No event " + id + " that you may see")));
    }

    @GetMapping({"/histogram", "/events/histogram"})
    @Operation(summary = "Matching events over time (the search view's histogram)",
            description = "Not under /events/, so that /events/{id} reaches every event id.")
    Map<String, Object> histogram(@RequestParam(defaultValue = "") String q,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        TimeRange range = search.range(from, to);
        Histogram histogram = search.histogram(q, range);
        return Map.of("from", range.from().toString(), "to", range.to().toString(),
                "interval", histogram.interval().toString(), "total", histogram.total(),
                "buckets", histogram.buckets().stream()
                        .map(b -> Map.of("start", b.start().toString(), "count", b.count())).toList());
    }

    @GetMapping("/fields/{name}/top")
    @Operation(summary = "Most frequent values of a field among the events matching q in the range")
    TopValues top(@PathVariable String name, @RequestParam(defaultValue = "") String q,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(defaultValue = "10") int size) {
        return search.topValues(name, q, search.range(from, to), size);
    }

    static Map<String, Object> json(FoundEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("_id", event.id());
        json.put("_index", event.index());
        json.putAll(event.fields());
        return json;
    }
}
