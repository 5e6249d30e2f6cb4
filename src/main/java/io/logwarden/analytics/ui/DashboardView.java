package io.logwarden.analytics.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.logwarden.analytics.AnalyticsService;
import io.logwarden.analytics.EventVolume;
import io.logwarden.base.ui.EChart;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.util.Locale;

/** Overview dashboard: events per hour over the last 24 hours, from Elasticsearch. */
@Route("dashboards")
@RouteAlias("")
@PageTitle("Dashboards · Logwarden")
@Menu(order = 2, icon = "vaadin:chart", title = "Dashboards")
@PermitAll
class DashboardView extends Main {

    private static final int HOURS = 24;

    DashboardView(AnalyticsService analytics) {
        addClassName("dashboard-view");
        EventVolume volume = analytics.eventsPerHour(HOURS);

        Span total = new Span(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(volume.total()));
        total.addClassName("summary-value");
        total.setId("events-24h-total");
        Div card = new Div(new Span("Events, last 24 h"), total);
        card.addClassName("summary-card");

        EChart chart = new EChart();
        chart.setId("events-per-hour-chart");
        chart.setOption(EventVolumeChartOption.barChart(volume));

        add(new H2("Overview"), card, new H3("Events per hour"), chart,
                new Paragraph("More charts, custom dashboards and auto-refresh arrive with issue #6."));
    }
}
