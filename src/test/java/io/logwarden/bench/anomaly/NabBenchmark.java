package io.logwarden.bench.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.anomaly.AnomalyProperties;
import io.logwarden.anomaly.internal.UnivariateScorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the univariate detector core over NAB-format series: every {@code *.csv} below the input directory
 * ({@code timestamp,value}), labelled by {@code combined_windows.json} keyed by the relative path. Writes
 * {@code timestamp,score} per input file below the output directory and prints window recall, false positives per
 * 1,000 points outside windows and the median detection delay, per file and overall. One configuration for all
 * files: nothing is tuned per file.
 *
 * <p>Usage: {@code NabBenchmark <input-dir> <output-dir>}
 */
public final class NabBenchmark {

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    record Point(Instant at, double value) {
    }

    record Window(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && !t.isAfter(end);
        }
    }

    record FileResult(String file, int windows, int detected, long outsidePoints, long falsePositives,
                      List<Duration> delays, List<Integer> delayPoints) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NabBenchmark <input-dir> <output-dir>");
            System.exit(2);
        }
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path labels = input.resolve("combined_windows.json");
        if (!Files.isRegularFile(labels)) {
            System.err.println("no combined_windows.json in " + input);
            System.exit(2);
        }
        Map<String, List<Window>> windows = readWindows(labels);
        double medium = AnomalyProperties.defaults().mediumThreshold();
        List<Path> files;
        try (Stream<Path> s = Files.walk(input)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<FileResult> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-62s %7s %8s %9s %8s %12s%n", "file", "windows", "detected", "outside",
                "FP/1k", "median delay");
        for (Path file : files) {
            String key = input.relativize(file).toString().replace('\\', '/');
            List<Window> labelled = windows.get(key);
            if (labelled == null) {
                System.out.println(key + ": not in combined_windows.json, skipped");
                continue;
            }
            List<Point> points = readSeries(file);
            double[] scores = score(points);
            writeScores(output.resolve(key), points, scores);
            FileResult r = evaluate(key, points, scores, labelled, medium);
            results.add(r);
            System.out.printf(Locale.ROOT, "%-62s %7d %8d %9d %8.2f %12s%n", key, r.windows(), r.detected(),
                    r.outsidePoints(), perThousand(r.falsePositives(), r.outsidePoints()),
                    r.delays().isEmpty() ? "-" : format(median(r.delays())) + " (" + medianInt(r.delayPoints()) + " pts)");
        }
        int windowsTotal = results.stream().mapToInt(FileResult::windows).sum();
        int detectedTotal = results.stream().mapToInt(FileResult::detected).sum();
        long outside = results.stream().mapToLong(FileResult::outsidePoints).sum();
        long fps = results.stream().mapToLong(FileResult::falsePositives).sum();
        List<Duration> delays = results.stream().flatMap(r -> r.delays().stream()).toList();
        List<Integer> delayPoints = results.stream().flatMap(r -> r.delayPoints().stream()).toList();
        System.out.println();
        System.out.printf(Locale.ROOT, "files: %d, threshold: score >= %.0f (medium)%n", results.size(), medium);
        System.out.printf(Locale.ROOT, "window recall: %d/%d = %.3f%n", detectedTotal, windowsTotal,
                windowsTotal == 0 ? Double.NaN : (double) detectedTotal / windowsTotal);
        System.out.printf(Locale.ROOT, "false positives: %d points of %d outside windows = %.2f per 1,000 points%n",
                fps, outside, perThousand(fps, outside));
        System.out.printf(Locale.ROOT, "median detection delay: %s (%s points after window start)%n",
                delays.isEmpty() ? "-" : format(median(delays)), delayPoints.isEmpty() ? "-" : medianInt(delayPoints));
        System.out.println("scores written to " + output.toAbsolutePath());
    }

    /** The detector core as the service runs it on a single metric: both directions, default configuration. */
    static double[] score(List<Point> points) {
        AnomalyProperties p = AnomalyProperties.defaults();
        UnivariateScorer scorer = new UnivariateScorer(new UnivariateScorer.Config(p.baselineCapacity(),
                p.minHistory(), p.seasonalMinDays(), UnivariateScorer.Seasonality.WEEKLY,
                UnivariateScorer.Direction.BOTH, 0.01, 1e-9));
        double[] scores = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            scores[i] = scorer.scoreAndUpdate(points.get(i).at(), points.get(i).value()).score();
        }
        return scores;
    }

    static FileResult evaluate(String key, List<Point> points, double[] scores, List<Window> windows, double threshold) {
        long outside = 0;
        long fp = 0;
        for (int i = 0; i < points.size(); i++) {
            Instant t = points.get(i).at();
            if (windows.stream().noneMatch(w -> w.contains(t))) {
                outside++;
                if (scores[i] >= threshold) {
                    fp++;
                }
            }
        }
        int detected = 0;
        List<Duration> delays = new ArrayList<>();
        List<Integer> delayPoints = new ArrayList<>();
        for (Window w : windows) {
            int inside = 0;
            for (int i = 0; i < points.size(); i++) {
                if (w.contains(points.get(i).at())) {
                    if (scores[i] >= threshold) {
                        detected++;
                        delays.add(Duration.between(w.start(), points.get(i).at()));
                        delayPoints.add(inside);
                        break;
                    }
                    inside++;
                }
            }
        }
        return new FileResult(key, windows.size(), detected, outside, fp, delays, delayPoints);
    }

    static Map<String, List<Window>> readWindows(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<String, List<Window>> out = new TreeMap<>();
        root.properties().forEach(e -> {
            List<Window> ws = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                ws.add(new Window(parseTime(w.get(0).asText()), parseTime(w.get(1).asText())));
            }
            out.put(e.getKey(), ws);
        });
        return out;
    }

    static List<Point> readSeries(Path csv) throws IOException {
        List<Point> points = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(csv)) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("timestamp")) {
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IOException(csv + ":" + lineNo + ": expected timestamp,value but got: " + line);
            }
            points.add(new Point(parseTime(line.substring(0, comma).trim()),
                    Double.parseDouble(line.substring(comma + 1).trim())));
        }
        return points;
    }

    static Instant parseTime(String s) {
        return LocalDateTime.parse(s, NAB_TIME).toInstant(ZoneOffset.UTC);
    }

    static void writeScores(Path out, List<Point> points, double[] scores) throws IOException {
        Files.createDirectories(out.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("timestamp,score\n");
            for (int i = 0; i < points.size(); i++) {
                w.write(NAB_TIME.format(LocalDateTime.ofInstant(points.get(i).at(), ZoneOffset.UTC)).substring(0, 19));
                w.write(String.format(Locale.ROOT, ",%.2f%n", scores[i]));
            }
        }
    }

    private static double perThousand(long n, long of) {
        return of == 0 ? 0 : 1000.0 * n / of;
    }

    private static Duration median(List<Duration> ds) {
        List<Duration> s = new ArrayList<>(ds);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static int medianInt(List<Integer> xs) {
        List<Integer> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String format(Duration d) {
        long m = d.toMinutes();
        return m >= 60 ? String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60) : m + "m";
    }
}
