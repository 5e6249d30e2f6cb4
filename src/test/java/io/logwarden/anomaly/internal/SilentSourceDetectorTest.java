package io.logwarden.anomaly.internal;

import static io.logwarden.anomaly.internal.DetectorTestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.anomaly.Anomaly;
import io.logwarden.anomaly.AnomalyEntity;
import io.logwarden.anomaly.AnomalyKind;
import io.logwarden.anomaly.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SilentSourceDetectorTest {

    private static final AnomalyEntity CHECKOUT = AnomalyEntity.service("checkout");
    private static final AnomalyEntity SPARSE = AnomalyEntity.service("cron-reporter");
    private static final AnomalyEntity HOST = AnomalyEntity.host("web-1");

    private final SilentSourceDetector detector = new SilentSourceDetector(DetectorTestData.factory());
    private final Random random = new Random(5);

    @Test
    void finds_a_chatty_service_gone_quiet_and_escalates_while_it_stays_quiet() {
        List<Anomaly> normal = feed(0, 300, true);
        List<Anomaly> first = detector.observe(obs(300, false), window(301));
        List<Anomaly> third = new ArrayList<>();
        for (int i = 301; i < 303; i++) {
            third = detector.observe(obs(i, false), window(i + 1));
        }

        assertThat(normal).isEmpty();
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.SILENT_SOURCE);
            assertThat(a.entity()).isEqualTo(CHECKOUT);
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).startsWith("service checkout sent no events for 5m, expected");
        });
        assertThat(third).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(first.getFirst().id());
            assertThat(a.score()).isGreaterThan(first.getFirst().score());
            assertThat(a.explanation()).startsWith("service checkout sent no events for 15m");
        });
    }

    @Test
    void a_sparse_source_missing_a_window_raises_nothing() {
        feed(0, 300, true);
        Map<AnomalyEntity, Long> counts = new HashMap<>(obs(300, true).counts());
        counts.remove(SPARSE);
        assertThat(detector.observe(new SilentSourceDetector.Observation(window(300), window(301), counts),
                window(301))).isEmpty();
    }

    @Test
    void a_source_that_comes_back_is_no_longer_silent() {
        feed(0, 300, true);
        assertThat(detector.observe(obs(300, false), window(301))).isNotEmpty();
        assertThat(detector.observe(obs(301, true), window(302))).isEmpty();
    }

    @Test
    void a_service_that_pauses_every_night_raises_nothing_at_night_once_the_habit_is_seen_but_still_by_day() {
        SilentSourceDetector d = new SilentSourceDetector(DetectorTestData.factory());
        AnomalyEntity office = AnomalyEntity.service("office-sync");
        List<Anomaly> lastNights = new ArrayList<>();
        int perDay = 288;
        for (int i = 0; i < perDay * 8; i++) {
            int hour = (i % perDay) / 12;
            boolean working = hour >= 7 && hour < 20;
            Map<AnomalyEntity, Long> counts = working ? Map.of(office, 100L + random.nextInt(20)) : Map.of();
            List<Anomaly> found = d.observe(new SilentSourceDetector.Observation(window(i), window(i + 1), counts),
                    window(i + 1));
            if (i >= perDay * 5) {
                lastNights.addAll(found);
            }
        }
        // Day 8, 10:00: the service stops during working hours.
        List<Anomaly> outage = d.observe(new SilentSourceDetector.Observation(window(perDay * 8 + 120),
                window(perDay * 8 + 121), Map.of()), window(perDay * 8 + 121));

        assertThat(lastNights).isEmpty();
        assertThat(outage).singleElement().satisfies(a -> assertThat(a.entity()).isEqualTo(office));
    }

    @Test
    void a_false_positive_silence_makes_its_hours_regular_and_says_it_was_learned() {
        feed(0, 300, true);
        Anomaly silence = detector.observe(obs(300, false), window(301)).getFirst();
        assertThat(detector.learnNormal(silence).learned()).isTrue();
        // the same hour of the next day: silent again, now excused
        assertThat(detector.observe(obs(300 + 288, false), window(301 + 288))).isEmpty();
        assertThat(new SilentSourceDetector(DetectorTestData.factory()).learnNormal(silence).learned()).isFalse();
    }

    private List<Anomaly> feed(int from, int to, boolean checkoutUp) {
        List<Anomaly> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.addAll(detector.observe(obs(i, checkoutUp), window(i + 1)));
        }
        return out;
    }

    private SilentSourceDetector.Observation obs(int i, boolean checkoutUp) {
        Map<AnomalyEntity, Long> counts = new HashMap<>();
        if (checkoutUp) {
            counts.put(CHECKOUT, Math.round(150 + 10 * random.nextGaussian()));
        }
        counts.put(HOST, Math.round(400 + 20 * random.nextGaussian()));
        if (random.nextDouble() < 0.5) {
            counts.put(SPARSE, 1L);
        }
        return new SilentSourceDetector.Observation(window(i), window(i + 1), counts);
    }
}
