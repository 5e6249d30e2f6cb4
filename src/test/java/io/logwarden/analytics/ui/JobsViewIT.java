package io.logwarden.analytics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.logwarden.analytics.JobRun;
import io.logwarden.analytics.JobStatistics;
import io.logwarden.storage.IndexNames;
import io.logwarden.testsupport.LogwardenIntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The Jobs view in a simulated browser, against the real Elasticsearch. */
@LogwardenIntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class JobsViewIT extends BrowserlessViewTest {

    @Autowired
    ElasticsearchClient client;

    @Test
    void shows_statistics_per_job_and_pages_through_the_runs_newest_first() throws IOException {
        String job = "view-job-" + UUID.randomUUID();
        int runs = 120;
        Instant start = Instant.now().minus(Duration.ofHours(3));
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
        for (int run = 0; run < runs; run++) {
            Instant begin = start.plus(Duration.ofMinutes(run));
            Duration took = Duration.ofSeconds(run == runs - 1 ? 600 : 10);
            String id = job + "-" + run;
            add(bulk, id + "-s", begin, job, id, "started", null);
            add(bulk, id + "-e", begin.plus(took), job, id, run % 10 == 0 ? "failed" : "succeeded", took);
        }
        assertThat(client.bulk(bulk.build()).errors()).isFalse();

        navigate(JobsView.class);

        @SuppressWarnings("unchecked")
        Grid<JobStatistics> perJob = $(Grid.class).withId("job-statistics").single();
        JobStatistics statistics = perJob.getGenericDataView().getItems().filter(j -> j.jobName().equals(job))
                .findFirst().orElseThrow();
        assertThat(statistics.runs()).isEqualTo(runs);
        assertThat(statistics.failed()).isEqualTo(12);
        assertThat(statistics.succeeded()).isEqualTo(108);
        assertThat(statistics.medianDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(statistics.longRunning()).isEqualTo(1);
        assertThat($(Span.class).withId("jobs-summary").single().getText()).contains("runs of");

        @SuppressWarnings("unchecked")
        Grid<JobRun> list = $(Grid.class).withId("job-runs").single();
        // the list holds every job's runs of the last 7 days, newest first: this job's must be there, in order
        List<JobRun> mine = list.getLazyDataView().getItems().filter(r -> r.jobName().equals(job)).toList();
        assertThat(mine).hasSize(runs);
        assertThat(mine.getFirst().jobId()).isEqualTo(job + "-" + (runs - 1));
        assertThat(mine.getFirst().longRunning()).isTrue();
        assertThat(mine.getLast().jobId()).isEqualTo(job + "-0");
        assertThat(mine).filteredOn(JobRun::longRunning).hasSize(1);
        for (int i = 1; i < mine.size(); i++) {
            assertThat(mine.get(i).lastSeen()).isBefore(mine.get(i - 1).lastSeen());
        }
        var rows = test(list);
        int newest = list.getLazyDataView().getItems().toList().indexOf(mine.getFirst());
        assertThat(rows.getCellText(newest, 4)).contains("long-running");
        assertThat($(Span.class).withId("jobs-failure").exists()).as("failure shown").isFalse();
    }

    private static void add(BulkRequest.Builder bulk, String docId, Instant at, String job, String run, String state,
                            Duration took) {
        Map<String, Object> event = new HashMap<>();
        event.put("@timestamp", at.toString());
        event.put("message", "job " + run + " " + state);
        event.put("log", Map.of("level", "failed".equals(state) ? "error" : "info"));
        event.put("service", Map.of("name", "batch"));
        event.put("job", Map.of("id", run, "name", job, "state", state));
        if (took != null) {
            event.put("event", Map.of("duration", took.toNanos()));
        }
        bulk.operations(o -> o.index(x -> x.index(IndexNames.eventsIndex(at)).id(docId).document(event)));
    }
}
