package io.logwarden.bench.dashboard;

import io.logwarden.analytics.TimeRange;
import io.logwarden.storage.internal.embedded.ElasticsearchDistribution;
import io.logwarden.storage.internal.embedded.EmbeddedElasticsearch;
import io.logwarden.testsupport.TestElasticsearch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shapes of the overview's aggregations over the last 7 days, timed by Elasticsearch ({@code took}) with the shard
 * request cache bypassed, interleaved round by round so that load on the machine hits every variant alike; then one
 * profiled run of the overview as sent, per top-level aggregation. Reuses the data DashboardBenchmark seeded: ES_URL,
 * else the embedded node under target/bench-es. Env: ROUNDS (default 15).
 */
public final class AggregationVariants {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOOK = Pattern.compile("\"took\":(\\d+)");

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "15"));
        URI es = elasticsearch();
        TimeRange week = TimeRange.rounded(Duration.ofDays(7), Instant.now(), "");
        String query = "{\"bool\":{\"filter\":[{\"range\":{\"@timestamp\":{\"gte\":\"" + week.from()
                + "\"}}},{\"range\":{\"@timestamp\":{\"lt\":\"" + week.to() + "\"}}}]}}";
        String errors = "{\"filter\":{\"terms\":{\"log.level\":[\"error\",\"critical\"]}}}";
        String hour = "{\"field\":\"@timestamp\",\"fixed_interval\":\"3600s\"}";
        String all = "\"all\":{\"date_histogram\":" + hour + ",\"aggs\":{\"errors\":" + errors + "}}";
        String splits = split(0, "log.level", hour, "") + "," + split(1, "service.name", hour, ",\"aggs\":{\"errors\":"
                + errors + "}") + "," + split(2, "audit.source", hour, "");
        String inverted = "\"all\":{\"date_histogram\":" + hour + ",\"aggs\":{\"errors\":" + errors
                + ",\"lvl\":{\"terms\":{\"field\":\"log.level\",\"size\":8}}"
                + ",\"svc\":{\"terms\":{\"field\":\"service.name\",\"size\":8},\"aggs\":{\"errors\":" + errors + "}}"
                + ",\"src\":{\"terms\":{\"field\":\"audit.source\",\"size\":8}}}}";
        String hdr2 = "\"hdr\":{\"number_of_significant_value_digits\":2}";
        String tops = top(0, "event.action") + "," + top(1, "error.type") + "," + top(2, "user.name") + ","
                + top(3, "audit.entity.id") + "," + top(4, "audit.status");

        String tdigest = "\"tdigest\":{\"compression\":100}";
        String everyValue = "\"split_0\":{\"terms\":{\"field\":\"log.level\",\"size\":100}},\"split_1\":{\"terms\":"
                + "{\"field\":\"service.name\",\"size\":100}},\"split_2\":{\"terms\":{\"field\":\"audit.source\","
                + "\"size\":100}}";
        String errorsByService = "\"errors\":{\"filter\":{\"terms\":{\"log.level\":[\"error\",\"critical\"]}},\"aggs\":"
                + "{\"t\":{\"date_histogram\":" + hour + ",\"aggs\":{\"split\":{\"terms\":{\"field\":\"service.name\","
                + "\"size\":100}}}}}}";

        Map<String, String> variants = new LinkedHashMap<>();
        // the shape OverviewAggregations sends (decision 075): splits inside one histogram, errors a top-level filter
        variants.put("overview as sent: splits inside the histogram, errors top-level",
                "\"all\":{\"date_histogram\":" + hour + ",\"aggs\":{" + everyValue + "}}," + errorsByService
                        + ",\"terms\":{\"filter\":{\"match_all\":{}},\"aggs\":{" + tops + "}},"
                        + durations("10800s", tdigest, true));
        variants.put("overview before stop 14 (all + 3 splits + durations + 5 tops, HDR)",
                all + "," + splits + "," + durations("10800s", hdr2, true) + "," + tops);
        variants.put("overview, splits inverted (histogram -> terms)",
                inverted + "," + durations("10800s", hdr2, true) + "," + tops);
        variants.put("volume: all + 3 splits (terms -> histogram)", all + "," + splits);
        variants.put("volume: one histogram -> 3 terms", inverted);
        variants.put("volume: all histogram only", all);
        variants.put("durations: HDR 2 digits, 56 buckets", durations("10800s", hdr2, true));
        variants.put("durations: HDR 1 digit, 56 buckets", durations("10800s",
                "\"hdr\":{\"number_of_significant_value_digits\":1}", true));
        variants.put("durations: t-digest 100, 56 buckets (as sent)", durations("10800s", "\"tdigest\":{\"compression\":100}",
                true));
        variants.put("durations: HDR 2 digits, 28 buckets", durations("21600s", hdr2, true));
        variants.put("durations: HDR 2 digits, no exists filter", durations("10800s", hdr2, false));
        // a parent aggregation keeps terms off Elasticsearch's filter-by-filter rewrite (a term query per value),
        // which it picks for top-level terms on fields with up to ~1000 values
        variants.put("overview before stop 15: splits and tops under one match_all filter", all + ",\"in\":{\"filter\":"
                + "{\"match_all\":{}},\"aggs\":{" + splits + "," + tops + "}}," + durations("10800s",
                "\"tdigest\":{\"compression\":100}", true));
        variants.put("overview: splits and tops top-level, t-digest", all + "," + splits + "," + durations("10800s",
                "\"tdigest\":{\"compression\":100}", true) + "," + tops);
        variants.put("volume: 3 splits under a match_all filter", all + ",\"in\":{\"filter\":{\"match_all\":{}},"
                + "\"aggs\":{" + splits + "}}");
        variants.put("tops: 5 terms under a match_all filter", "\"in\":{\"filter\":{\"match_all\":{}},\"aggs\":{"
                + tops + "}}");
        variants.put("volume: level and source under all, service split",
                "\"all\":{\"date_histogram\":" + hour + ",\"aggs\":{\"errors\":" + errors
                        + ",\"lvl\":{\"terms\":{\"field\":\"log.level\",\"size\":8}}"
                        + ",\"src\":{\"terms\":{\"field\":\"audit.source\",\"size\":8}}}},"
                        + split(1, "service.name", hour, ",\"aggs\":{\"errors\":" + errors + "}"));
        variants.put("overview: inverted splits, t-digest", inverted + ","
                + durations("10800s", "\"tdigest\":{\"compression\":100}", true) + "," + tops);
        variants.put("tops: user.name alone", top(2, "user.name"));
        variants.put("tops: user.name alone, execution_hint map", "\"top_2\":{\"terms\":{\"field\":\"user.name\","
                + "\"size\":10,\"execution_hint\":\"map\"}}");
        variants.put("tops: user.name alone, execution_hint global_ordinals", "\"top_2\":{\"terms\":"
                + "{\"field\":\"user.name\",\"size\":10,\"execution_hint\":\"global_ordinals\"}}");
        variants.put("tops: audit.entity.id alone", top(3, "audit.entity.id"));
        variants.put("tops: event.action alone", top(0, "event.action"));
        variants.put("tops: 5 terms (10)", tops);
        variants.put("tops: 5 terms (10), shard_size 10", tops.replace("\"size\":10", "\"size\":10,\"shard_size\":10"));

        Map<String, List<Double>> took = new LinkedHashMap<>();
        for (int round = -2; round < rounds; round++) {
            for (var v : variants.entrySet()) {
                String body = "{\"size\":0,\"track_total_hits\":true,\"query\":" + query + ",\"aggs\":{" + v.getValue()
                        + "}}";
                String answer = search(es, body, "request_cache=false");
                Matcher m = TOOK.matcher(answer);
                if (!m.find()) {
                    throw new IllegalStateException(v.getKey() + ": " + answer.substring(0, Math.min(400,
                            answer.length())));
                }
                if (round >= 0) {
                    took.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(Double.parseDouble(m.group(1)));
                }
            }
        }
        System.out.printf("%naggregation shapes over %s .. %s, request cache bypassed, %d rounds (took, ms)%n",
                week.from(), week.to(), rounds);
        took.forEach((name, ms) -> System.out.printf(Locale.ENGLISH, "%-60s p50 %6.0f  min %6.0f  max %6.0f%n", name,
                DashboardBenchmark.percentile(ms, 50), DashboardBenchmark.percentile(ms, 0),
                DashboardBenchmark.percentile(ms, 100)));

        String profiled = search(es, "{\"size\":0,\"profile\":true,\"track_total_hits\":true,\"query\":" + query
                + ",\"aggs\":{" + variants.values().iterator().next() + "}}", "request_cache=false");
        System.out.println("\nprofile of the overview as sent, per aggregation (ms, summed over shards):");
        profile(profiled).forEach((name, ms) -> System.out.printf(Locale.ENGLISH, "%-60s %8.1f%n", name, ms));
        System.exit(0);
    }

    private static String split(int i, String field, String hour, String perBucket) {
        return "\"split_" + i + "\":{\"terms\":{\"field\":\"" + field + "\",\"size\":8},\"aggs\":{\"t\":"
                + "{\"date_histogram\":" + hour + perBucket + "}}}";
    }

    private static String top(int i, String field) {
        return "\"top_" + i + "\":{\"terms\":{\"field\":\"" + field + "\",\"size\":10}}";
    }

    private static String durations(String interval, String method, boolean exists) {
        String grouped = "{\"terms\":{\"field\":\"event.action\",\"size\":3},\"aggs\":{\"t\":{\"date_histogram\":"
                + "{\"field\":\"@timestamp\",\"fixed_interval\":\"" + interval + "\"},\"aggs\":{\"pct\":"
                + "{\"percentiles\":{\"field\":\"event.duration\",\"percents\":[50,95,99],\"keyed\":false," + method
                + "}}}}}}";
        return exists
                ? "\"durations\":{\"filter\":{\"exists\":{\"field\":\"event.duration\"}},\"aggs\":{\"groups\":" + grouped
                + "}}"
                : "\"durations\":" + grouped;
    }

    /** Sum over shards of each top-level aggregation's time. */
    private static Map<String, Double> profile(String answer) {
        Map<String, Double> ms = new LinkedHashMap<>();
        // top-level aggregation entries: "type":"...","description":"<name>","time_in_nanos":N
        Matcher m = Pattern.compile("\"type\":\"([A-Za-z]+)\",\"description\":\"([a-z_0-9]+)\",\"time_in_nanos\":"
                + "(\\d+)").matcher(answer);
        Pattern top = Pattern.compile("all|errors|terms|split_\\d|durations|top_\\d");
        while (m.find()) {
            if (top.matcher(m.group(2)).matches()) {
                // the aggregator Elasticsearch chose, e.g. StringTermsAggregatorFromFilters (filter by filter)
                ms.merge(m.group(2) + " (" + m.group(1) + ")", Long.parseLong(m.group(3)) / 1e6, Double::sum);
            }
        }
        return ms;
    }

    private static String search(URI es, String body, String parameters) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(es.resolve("/logwarden-events/_search?" + parameters))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI elasticsearch() {
        String url = System.getenv("ES_URL");
        if (url != null && !url.isBlank()) {
            return URI.create(url);
        }
        Path zip = ElasticsearchDistribution.locateZip(TestElasticsearch.VERSION, null);
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(new EmbeddedElasticsearch.Settings(
                TestElasticsearch.VERSION, zip, Path.of("target", "bench-es").toAbsolutePath(), "bench", 0, "2g",
                "logwarden-es", Path.of(System.getProperty("java.home")), Duration.ofMinutes(3)));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        return node.url();
    }

    private AggregationVariants() {
    }
}
