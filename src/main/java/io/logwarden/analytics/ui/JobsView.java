package io.logwarden.analytics.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.analytics.JobRun;
import io.logwarden.analytics.JobStatistics;
import io.logwarden.analytics.JobsOverview;
import io.logwarden.analytics.JobsService;
import io.logwarden.analytics.Lucene;
import io.logwarden.analytics.TimeRange;
import io.logwarden.base.ui.SearchLink;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs of system processes and batch jobs: per job name runs, success rate and durations (counted over every run
 * of the range), then the runs themselves, newest first, loaded page by page as the grid scrolls.
 */
@Route("jobs")
@PageTitle("Jobs · Logwarden")
@Menu(order = 3, icon = "vaadin:cogs", title = "Jobs")
@PermitAll
class JobsView extends Main {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final JobsService jobs;
    private final Select<RangeChoice> range = new Select<>();
    private final Span summary = new Span();
    private final Span failure = new Span();
    private final Grid<JobStatistics> perJob = new Grid<>(JobStatistics.class, false);
    private final Grid<JobRun> runs = new Grid<>(JobRun.class, false);

    JobsView(JobsService jobs) {
        this.jobs = jobs;
        addClassName("jobs-view");
        range.setLabel("Range");
        range.setItems(RangeChoice.values());
        range.setItemLabelGenerator(RangeChoice::label);
        range.setValue(RangeChoice.LAST_7D);
        range.setId("jobs-range");
        range.addValueChangeListener(e -> load());
        summary.setId("jobs-summary");
        summary.addClassName("dashboard-updated");
        failure.setId("jobs-failure");
        failure.addClassName("chart-failure");
        failure.setVisible(false);

        perJob.setId("job-statistics");
        perJob.addColumn(JobStatistics::jobName).setHeader("Job").setSortable(true).setFlexGrow(2);
        perJob.addColumn(JobStatistics::runs).setHeader("Runs").setSortable(true);
        perJob.addColumn(JobStatistics::running).setHeader("Running");
        perJob.addColumn(JobStatistics::succeeded).setHeader("Succeeded");
        perJob.addColumn(JobStatistics::failed).setHeader("Failed");
        perJob.addColumn(j -> Double.isNaN(j.successRate()) ? "–"
                : String.format(Locale.ENGLISH, "%.1f %%", j.successRate())).setHeader("Success rate");
        perJob.addColumn(j -> human(j.medianDuration())).setHeader("Median duration");
        perJob.addColumn(j -> human(j.p95Duration())).setHeader("p95");
        perJob.addColumn(j -> human(j.maxDuration())).setHeader("Longest");
        perJob.addColumn(JobStatistics::longRunning).setHeader("Long-running");
        perJob.setAllRowsVisible(true);

        runs.setId("job-runs");
        runs.addColumn(JobRun::jobName).setHeader("Job");
        runs.addColumn(JobRun::jobId).setHeader("Run");
        runs.addComponentColumn(JobsView::stateBadge).setHeader("State");
        runs.addColumn(r -> TIME.format(r.started())).setHeader("Started (UTC)");
        runs.addColumn(r -> human(r.duration()) + (r.longRunning() ? "  ⚠ long-running" : "")).setHeader("Duration");
        runs.addColumn(r -> r.service() == null ? "" : r.service()).setHeader("Service");
        runs.setPartNameGenerator(r -> r.longRunning() ? "long-running" : null);
        runs.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(SearchLink.SEARCH_ROUTE,
                new SearchLink(Lucene.term("job.id", e.getItem().jobId()), e.getItem().started(),
                        e.getItem().lastSeen().plusMillis(1)).parameters())));
        add(new H2("Jobs and processes"), range, summary, failure, new H3("Per job"), perJob,
                new H3("Runs (click one to see its events)"), runs);
        load();
    }

    private void load() {
        Instant now = Instant.now();
        JobsOverview overview;
        try {
            overview = jobs.overview(TimeRange.rounded(range.getValue().length(), now, ""));
        } catch (RuntimeException e) {
            perJob.setItems(List.of());
            runs.setItems(List.of());
            summary.setText("");
            failure.setText(ChartFailures.message(e));
            failure.setVisible(true);
            return;
        }
        failure.setVisible(false);
        perJob.setItems(overview.jobs());
        summary.setText(summary(overview));
        // pages are read as the grid scrolls; the grid stops asking when a page comes back short
        runs.setItems(query -> page(overview, now, query.getOffset(), query.getLimit()));
    }

    private Stream<JobRun> page(JobsOverview overview, Instant now, int offset, int limit) {
        try {
            return jobs.runs(overview, now, offset, limit).stream();
        } catch (RuntimeException e) {
            failure.setText(ChartFailures.message(e));
            failure.setVisible(true);
            return Stream.empty();
        }
    }

    static String summary(JobsOverview overview) {
        NumberFormat integers = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        String text = integers.format(overview.runs()) + " runs of " + integers.format(overview.jobNames())
                + " jobs";
        if (overview.truncated()) {
            text += "; statistics for the " + overview.jobs().size() + " busiest jobs ("
                    + integers.format(overview.eventsNotShown()) + " events of the others are not counted here)";
        }
        if (overview.runs() > JobsService.MAX_LISTED_RUNS) {
            text += "; the list shows the newest " + integers.format(JobsService.MAX_LISTED_RUNS) + " runs";
        }
        return text;
    }

    private static Span stateBadge(JobRun run) {
        Span badge = new Span(run.state().name().toLowerCase(Locale.ROOT));
        badge.getElement().getThemeList().add("badge");
        switch (run.state()) {
            case SUCCEEDED -> badge.getElement().getThemeList().add("success");
            case FAILED -> badge.getElement().getThemeList().add("error");
            case CANCELED -> badge.getElement().getThemeList().add("contrast");
            case RUNNING -> { }
        }
        return badge;
    }

    static String human(Duration d) {
        if (d == null) {
            return "–";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() < 1000 ? d.toMillis() + " ms" : s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
