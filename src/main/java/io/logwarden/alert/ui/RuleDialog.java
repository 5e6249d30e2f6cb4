package io.logwarden.alert.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.binder.Binder;
import io.logwarden.alert.AlertRule;
import io.logwarden.alert.AlertRuleService;
import io.logwarden.alert.AlertValidationException;
import io.logwarden.alert.DeliveryResult;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.RulePreview;
import io.logwarden.alert.Severity;
import io.logwarden.alert.TemplateFields;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Create or edit a rule. Form-level checks (durations, channel lines) run in the binder; everything else comes from
 * {@link AlertRuleService#validate} at save, test and preview time and is listed in the dialog as text.
 */
class RuleDialog extends Dialog {

    private final AlertRuleService alerts;
    private final RuleForm form;
    private final Binder<RuleForm> binder = new Binder<>();
    private final Div errors = new Div();
    private final Div result = new Div();
    private final TextArea channels = new TextArea();

    /** @param save creates or updates the draft and returns the saved rule (throws on errors) */
    RuleDialog(AlertRuleService alerts, AlertRule rule, UnaryOperator<AlertRule> save, Runnable saved) {
        this.alerts = alerts;
        this.form = RuleForm.of(rule);
        setHeaderTitle(rule == null ? "New alert rule" : "Edit " + rule.name());
        setWidth("min(60rem, 95vw)");
        errors.addClassName("rule-errors");
        result.addClassName("alert-text");

        TextField name = new TextField("Name");
        TextField description = new TextField("Description");
        Select<RuleKind> kind = select("Kind", RuleKind.values());
        Select<Severity> severity = select("Severity", Severity.values());
        Select<Severity> anomalySeverity = select("Anomaly severity at least",
                new Severity[]{Severity.LOW, Severity.MEDIUM, Severity.HIGH});
        anomalySeverity.setEmptySelectionAllowed(true);
        anomalySeverity.setEmptySelectionCaption("any");
        anomalySeverity.setHelperText("ANOMALY rules: the detector's severity band, besides the score threshold");
        TextField query = new TextField("Query");
        query.setHelperText("Lucene query selecting the events (empty = all events); for HEALTH the component, e.g."
                + " search.latency or elasticsearch (empty = all); not used by ANOMALY");
        TextField errorQuery = new TextField("Error query (error rate)");
        errorQuery.setPlaceholder(AlertRule.DEFAULT_ERROR_QUERY);
        TextField groupBy = new TextField("Group by");
        groupBy.setHelperText("Keyword field, e.g. user.name or service.name (ANOMALY: entity); empty = one group");
        TextField window = new TextField("Window");
        window.setHelperText("e.g. 5m, 1h, 48h");
        NumberField threshold = new NumberField("Threshold");
        threshold.setHelperText("Count, % (error rate), anomaly score or latency in ms (HEALTH), depending on the"
                + " kind");
        TextField schedule = new TextField("Evaluate every");
        Checkbox enabled = new Checkbox("Enabled");
        TextField renotify = new TextField("Re-notify every");
        renotify.setHelperText("While firing and not acknowledged; empty = never");
        IntegerField maxPerHour = new IntegerField("At most notifications per hour");
        TimePicker quietStart = new TimePicker("Quiet hours from");
        TimePicker quietEnd = new TimePicker("Quiet hours until");
        TextField quietZone = new TextField("Quiet hours time zone");
        Select<Severity> quietBypass = select("Severity that ignores quiet hours", Severity.values());
        TextField titleTemplate = new TextField("Title template");
        titleTemplate.setPlaceholder(TemplateFields.DEFAULT_TITLE);
        TextArea messageTemplate = new TextArea("Message template");
        messageTemplate.setPlaceholder(TemplateFields.DEFAULT_BODY);
        messageTemplate.setHelperText("Placeholders: " + String.join(", ", new TreeSet<>(TemplateFields.ALL)
                .stream().map(f -> "{{" + f + "}}").toList()));
        channels.setLabel("Channels");
        channels.setHelperText("One per line: TYPE; key=value; ... e.g. \"EMAIL; to=ops@example.com\", "
                + "\"SLACK; url=https://...; minSeverity=HIGH\", \"IN_APP; users=admin\" (each user's own channels"
                + " per their preferences). Secrets may be ${env:NAME} or ${file:/path}. Types: "
                + String.join(", ", java.util.Arrays.stream(io.logwarden.alert.ChannelType.values())
                .map(Enum::name).toList()));

        binder.forField(name).asRequired("A rule needs a name").bind(RuleForm::getName, RuleForm::setName);
        binder.bind(description, RuleForm::getDescription, RuleForm::setDescription);
        binder.forField(kind).asRequired("Choose a kind").bind(RuleForm::getKind, RuleForm::setKind);
        binder.forField(severity).asRequired("Choose a severity").bind(RuleForm::getSeverity, RuleForm::setSeverity);
        binder.bind(anomalySeverity, RuleForm::getAnomalySeverity, RuleForm::setAnomalySeverity);
        binder.bind(query, RuleForm::getQuery, RuleForm::setQuery);
        binder.bind(errorQuery, RuleForm::getErrorQuery, RuleForm::setErrorQuery);
        binder.bind(groupBy, RuleForm::getGroupBy, RuleForm::setGroupBy);
        duration(window, true).bind(RuleForm::getWindow, RuleForm::setWindow);
        binder.bind(threshold, RuleForm::getThreshold, RuleForm::setThreshold);
        duration(schedule, true).bind(RuleForm::getSchedule, RuleForm::setSchedule);
        binder.bind(enabled, RuleForm::isEnabled, RuleForm::setEnabled);
        duration(renotify, false).bind(RuleForm::getRenotify, RuleForm::setRenotify);
        binder.bind(maxPerHour, RuleForm::getMaxPerHour, RuleForm::setMaxPerHour);
        binder.bind(quietStart, RuleForm::getQuietStart, RuleForm::setQuietStart);
        binder.bind(quietEnd, RuleForm::getQuietEnd, RuleForm::setQuietEnd);
        binder.bind(quietZone, RuleForm::getQuietZone, RuleForm::setQuietZone);
        binder.bind(quietBypass, RuleForm::getQuietBypass, RuleForm::setQuietBypass);
        binder.bind(titleTemplate, RuleForm::getTitleTemplate, RuleForm::setTitleTemplate);
        binder.bind(messageTemplate, RuleForm::getMessageTemplate, RuleForm::setMessageTemplate);
        binder.forField(channels).withValidator(RuleDialog::channelsParse, "See the channel format below")
                .bind(RuleForm::getChannels, RuleForm::setChannels);
        binder.readBean(form);

        errorQuery.setVisible(form.getKind() == RuleKind.ERROR_RATE);
        anomalySeverity.setVisible(form.getKind() == RuleKind.ANOMALY);
        kind.addValueChangeListener(e -> {
            errorQuery.setVisible(e.getValue() == RuleKind.ERROR_RATE);
            anomalySeverity.setVisible(e.getValue() == RuleKind.ANOMALY);
        });

        FormLayout what = new FormLayout(name, description, kind, severity, query, errorQuery, anomalySeverity,
                groupBy, window, threshold, schedule, enabled);
        FormLayout noise = new FormLayout(renotify, maxPerHour, quietStart, quietEnd, quietZone, quietBypass);
        FormLayout how = new FormLayout(titleTemplate, messageTemplate, channels);
        how.setColspan(messageTemplate, 2);
        how.setColspan(channels, 2);
        what.setColspan(query, 2);
        add(errors, new H4("Condition"), what, new H4("Noise control"), noise, new H4("Notification"), how,
                result);

        Button test = new Button("Send test notification", e -> testSend());
        Button preview = new Button("Preview matches over the last 24 h", e -> preview());
        Button ok = new Button("Save", e -> save(save, saved));
        ok.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(test, preview, new Button("Cancel", e -> close()), ok);
    }

    private static <T> Select<T> select(String label, T[] values) {
        Select<T> select = new Select<>();
        select.setLabel(label);
        select.setItems(values);
        return select;
    }

    private Binder.BindingBuilder<RuleForm, String> duration(TextField field, boolean required) {
        Binder.BindingBuilder<RuleForm, String> b = binder.forField(field);
        if (required) {
            b = b.asRequired(field.getLabel() + " is required");
        }
        return b.withValidator(Durations::valid, "Not a duration: use e.g. 30s, 5m, 2h, 1d or PT5M");
    }

    private static boolean channelsParse(String text) {
        try {
            ChannelLines.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The draft from the fields, or null after showing why there is none. */
    private AlertRule draft() {
        errors.removeAll();
        result.removeAll();
        if (!binder.writeBeanIfValid(form)) {
            List<String> problems = new java.util.ArrayList<>(List.of("Fix the marked fields first."));
            try {
                ChannelLines.parse(channels.getValue());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            show(problems);
            return null;
        }
        try {
            return form.toRule();
        } catch (IllegalArgumentException e) {
            show(List.of(e.getMessage()));
            return null;
        }
    }

    private void save(UnaryOperator<AlertRule> save, Runnable saved) {
        AlertRule draft = draft();
        if (draft == null) {
            return;
        }
        try {
            List<String> problems = alerts.validate(draft);
            if (!problems.isEmpty()) {
                show(problems);
                return;
            }
            save.apply(draft);
            close();
            saved.run();
        } catch (AlertValidationException e) {
            show(e.errors());
        } catch (RuntimeException e) {
            show(List.of(String.valueOf(e.getMessage())));
        }
    }

    private void testSend() {
        AlertRule draft = draft();
        if (draft == null) {
            return;
        }
        try {
            List<DeliveryResult> results = alerts.testSend(draft);
            result.add(new H4("Test notification"));
            if (results.isEmpty()) {
                result.add(new Div(new Span("The rule has no channels.")));
            }
            for (DeliveryResult r : results) {
                result.add(new Div(new Span(r.target() + ": " + r.outcome() + " after " + r.attempts()
                        + (r.attempts() == 1 ? " attempt" : " attempts")
                        + (r.error() == null ? "" : " — " + r.error()))));
            }
        } catch (AlertValidationException e) {
            show(e.errors());
        } catch (RuntimeException e) {
            show(List.of(String.valueOf(e.getMessage())));
        }
    }

    private void preview() {
        AlertRule draft = draft();
        if (draft == null) {
            return;
        }
        try {
            RulePreview preview = alerts.preview(draft);
            result.add(new H4("Preview"));
            long total = preview.matchesLast24h().values().stream().mapToLong(Long::longValue).sum();
            result.add(new Div(new Span("Matching events over the last 24 h: " + total
                    + (draft.groupBy() == null ? "" : " in " + preview.matchesLast24h().size() + " groups"))));
            preview.matchesLast24h().entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                    .forEach(e -> result.add(new Div(new Span(group(e.getKey()) + ": " + e.getValue()))));
            if (preview.groupsNow().isEmpty()) {
                result.add(new Div(new Span("Now: nothing observed in the rule's window; it would not fire.")));
            }
            for (RulePreview.GroupPreview g : preview.groupsNow()) {
                result.add(new Div(new Span("Now, " + group(g.group()) + ": value " + g.value()
                        + (g.wouldFire() ? " — would fire" : " — would not fire"))));
            }
            result.add(new Div(Links.anchor(preview.link(), "Open the matching events")));
        } catch (AlertValidationException e) {
            show(e.errors());
        } catch (RuntimeException e) {
            show(List.of(String.valueOf(e.getMessage())));
        }
    }

    private static String group(String group) {
        return group == null || group.isEmpty() ? "(all events)" : group;
    }

    private void show(List<String> problems) {
        errors.removeAll();
        problems.forEach(p -> errors.add(new Span(p)));
    }
}
