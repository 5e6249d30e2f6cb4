package io.logwarden.analytics.ui;

import io.logwarden.base.ui.SearchLink;
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
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Runs of system processes and batch jobs: per job success rate and durations, then every run, newest first. */
@Route("jobs")
@PageTitle("Jobs · Logwarden")
@Menu(order = 3, icon = "vaadin:cogs", title = "Jobs")
@PermitAll
class JobsView extends Main {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final JobsService jobs;
    private final Select<DashboardView.RangeChoice> range = new Select<>();
    private final Grid<JobStatistics> perJob = new Grid<>(JobStatistics.class, false);
    private final Grid<JobRun> runs = new Grid<>(JobRun.class, false);

    JobsView(JobsService jobs) {
        this.jobs = jobs;
        addClassName("jobs-view");
        range.setLabel("Range");
        range.setItems(DashboardView.RangeChoice.values());
        range.setItemLabelGenerator(DashboardView.RangeChoice::label);
        range.setValue(DashboardView.RangeChoice.LAST_7D);
        range.addValueChangeListener(e -> load());

        perJob.setId("job-statistics");
        perJob.addColumn(JobStatistics::jobName).setHeader("Job").setSortable(true).setFlexGrow(2);
        perJob.addColumn(JobStatistics::runs).setHeader("Runs").setSortable(true);
        perJob.addColumn(JobStatistics::running).setHeader("Running");
        perJob.addColumn(JobStatistics::succeeded).setHeader("Succeeded");
        perJob.addColumn(JobStatistics::failed).setHeader("Failed");
        perJob.addColumn(j -> Double.isNaN(j.successRate()) ? "–"
                : String.format(Locale.ENGLISH, "%.1f %%", j.successRate())).setHeader("Success rate");
        perJob.addColumn(j -> human(j.medianDuration())).setHeader("Median duration");
        perJob.addColumn(j -> human(j.maxDuration())).setHeader("Longest");
        perJob.addColumn(JobStatistics::longRunning).setHeader("Long-running");
        perJob.setAllRowsVisible(true);

        runs.setId("job-runs");
        runs.addColumn(JobRun::jobName).setHeader("Job").setSortable(true);
        runs.addColumn(JobRun::jobId).setHeader("Run");
        runs.addComponentColumn(JobsView::stateBadge).setHeader("State");
        runs.addColumn(r -> TIME.format(r.started())).setHeader("Started (UTC)");
        runs.addColumn(r -> human(r.duration()) + (r.longRunning() ? "  ⚠ long-running" : "")).setHeader("Duration");
        runs.addColumn(r -> r.service() == null ? "" : r.service()).setHeader("Service");
        runs.setPartNameGenerator(r -> r.longRunning() ? "long-running" : null);
        runs.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(SearchLink.SEARCH_ROUTE,
                new SearchLink(Lucene.term("job.id", e.getItem().jobId()), e.getItem().started(),
                        e.getItem().lastSeen().plusMillis(1)).parameters())));
        add(new H2("Jobs and processes"), range, new H3("Per job"), perJob, new H3("Runs (click one to see its events)"),
                runs);
        load();
    }

    private void load() {
        Instant now = Instant.now();
        JobsOverview overview = jobs.overview(TimeRange.last(range.getValue().length(), now, ""), now);
        perJob.setItems(overview.jobs());
        runs.setItems(overview.runs());
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
