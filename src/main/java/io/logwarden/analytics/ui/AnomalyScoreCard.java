package io.logwarden.analytics.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import io.logwarden.anomaly.SystemAnomalyScore;
import io.logwarden.base.ui.EChart;
import io.logwarden.base.ui.ThemeState;
import java.util.Locale;
import java.util.Optional;

/** The system anomaly score as a gauge in the summary row; a click opens the Anomalies view. */
final class AnomalyScoreCard extends Div {

    static final String ROUTE = "anomalies";

    private final EChart gauge = new EChart();
    private final Span caption = new Span("Anomaly score, last hour");
    private final Span detail = new Span();
    private double[] bands = {40, 70};
    private Double score;
    private Registration themeListener;

    AnomalyScoreCard() {
        addClassNames("summary-card", "anomaly-score-card");
        setId("anomaly-score-card");
        gauge.setId("anomaly-score-gauge");
        gauge.setHeight("140px");
        gauge.setWidth("12rem");
        detail.addClassName("summary-change");
        add(caption, gauge, detail);
        addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ROUTE)));
    }

    /** Shows the score, or says that the user's role does not show anomalies. */
    void show(Optional<SystemAnomalyScore> systemScore, double[] severityBands) {
        this.bands = severityBands.clone();
        if (systemScore.isEmpty()) {
            score = null;
            gauge.setVisible(false);
            detail.setText("Not available for your role");
            getElement().removeAttribute("data-score");
            return;
        }
        SystemAnomalyScore s = systemScore.get();
        score = s.score();
        gauge.setVisible(true);
        detail.setText(s.anomalies() + (s.anomalies() == 1 ? " anomaly, " : " anomalies, ")
                + s.severity().name().toLowerCase(Locale.ROOT));
        getElement().setAttribute("data-score", String.valueOf(Math.round(s.score())));
        render(ThemeState.isDark());
    }

    void showFailure(String message) {
        score = null;
        gauge.setVisible(false);
        detail.setText(message);
    }

    private void render(boolean dark) {
        if (score != null) {
            gauge.setOption(ChartOptions.gauge(score, bands[0], bands[1], dark));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        themeListener = ThemeState.addListener(attachEvent.getUI(), this::render);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (themeListener != null) {
            themeListener.remove();
        }
    }
}
