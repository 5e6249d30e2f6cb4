package io.logwarden.alert.ui;

import io.logwarden.alert.AlertRule;
import io.logwarden.alert.NoiseControl;
import io.logwarden.alert.QuietHours;
import io.logwarden.alert.RuleKind;
import io.logwarden.alert.Severity;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The editor's form bean: what the fields show, converted to and from {@link AlertRule}. */
final class RuleForm {

    private String id;
    private Long revision;
    private Severity anomalySeverity;
    private String name = "";
    private String description = "";
    private boolean enabled;
    private RuleKind kind = RuleKind.QUERY_MATCH;
    private Severity severity = Severity.MEDIUM;
    private String query = "";
    private String errorQuery = "";
    private String groupBy = "";
    private String window = "5m";
    private Double threshold = 0.0;
    private String schedule = "1m";
    private String renotify = "";
    private Integer maxPerHour;
    private LocalTime quietStart;
    private LocalTime quietEnd;
    private String quietZone = "UTC";
    private Severity quietBypass = Severity.CRITICAL;
    private String titleTemplate = "";
    private String messageTemplate = "";
    private String channels = "";

    static RuleForm of(AlertRule rule) {
        RuleForm f = new RuleForm();
        if (rule == null) {
            return f;
        }
        f.id = rule.id();
        f.revision = rule.revision();
        f.anomalySeverity = rule.anomalySeverity();
        f.name = nz(rule.name());
        f.description = nz(rule.description());
        f.enabled = rule.enabled();
        f.kind = rule.kind();
        f.severity = rule.severity();
        f.query = rule.query();
        f.errorQuery = AlertRule.DEFAULT_ERROR_QUERY.equals(rule.errorQuery()) ? "" : rule.errorQuery();
        f.groupBy = nz(rule.groupBy());
        f.window = Durations.format(rule.window());
        f.threshold = rule.threshold();
        f.schedule = Durations.format(rule.schedule());
        NoiseControl noise = rule.noise();
        f.renotify = Durations.format(noise.renotifyInterval());
        f.maxPerHour = noise.maxPerHour();
        if (noise.quietHours() != null) {
            f.quietStart = noise.quietHours().start();
            f.quietEnd = noise.quietHours().end();
            f.quietZone = noise.quietHours().zone().getId();
            f.quietBypass = noise.quietHours().bypassSeverity();
        }
        f.titleTemplate = nz(rule.titleTemplate());
        f.messageTemplate = nz(rule.messageTemplate());
        f.channels = ChannelLines.format(rule.channels());
        return f;
    }

    /**
     * The draft rule; owner, scope and times are set by the service. Throws {@link IllegalArgumentException} for
     * text the form cannot turn into a rule (durations, channel lines, time zone): the service validates the rest.
     */
    AlertRule toRule() {
        QuietHours quiet = null;
        if (quietStart != null || quietEnd != null) {
            if (quietStart == null || quietEnd == null) {
                throw new IllegalArgumentException("quiet hours need both a start and an end");
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(quietZone == null || quietZone.isBlank() ? "UTC" : quietZone.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + quietZone + "'");
            }
            quiet = new QuietHours(quietStart, quietEnd, zone, quietBypass);
        }
        NoiseControl noise = new NoiseControl(Durations.parse(renotify), maxPerHour, quiet);
        List<io.logwarden.alert.ChannelConfig> parsed = ChannelLines.parse(channels);
        return new AlertRule(id, name == null ? "" : name.trim(), blankToNull(description), enabled, kind, severity,
                query, blankToNull(errorQuery), blankToNull(groupBy), Durations.parse(window), threshold,
                Durations.parse(schedule), noise, blankToNull(titleTemplate), blankToNull(messageTemplate), parsed,
                null, null, null, null, kind == RuleKind.ANOMALY ? anomalySeverity : null, revision);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    String getId() { return id; }
    Severity getAnomalySeverity() { return anomalySeverity; }
    void setAnomalySeverity(Severity v) { anomalySeverity = v; }
    String getName() { return name; }
    void setName(String v) { name = v; }
    String getDescription() { return description; }
    void setDescription(String v) { description = v; }
    boolean isEnabled() { return enabled; }
    void setEnabled(boolean v) { enabled = v; }
    RuleKind getKind() { return kind; }
    void setKind(RuleKind v) { kind = v; }
    Severity getSeverity() { return severity; }
    void setSeverity(Severity v) { severity = v; }
    String getQuery() { return query; }
    void setQuery(String v) { query = v; }
    String getErrorQuery() { return errorQuery; }
    void setErrorQuery(String v) { errorQuery = v; }
    String getGroupBy() { return groupBy; }
    void setGroupBy(String v) { groupBy = v; }
    String getWindow() { return window; }
    void setWindow(String v) { window = v; }
    Double getThreshold() { return threshold; }
    void setThreshold(Double v) { threshold = v; }
    String getSchedule() { return schedule; }
    void setSchedule(String v) { schedule = v; }
    String getRenotify() { return renotify; }
    void setRenotify(String v) { renotify = v; }
    Integer getMaxPerHour() { return maxPerHour; }
    void setMaxPerHour(Integer v) { maxPerHour = v; }
    LocalTime getQuietStart() { return quietStart; }
    void setQuietStart(LocalTime v) { quietStart = v; }
    LocalTime getQuietEnd() { return quietEnd; }
    void setQuietEnd(LocalTime v) { quietEnd = v; }
    String getQuietZone() { return quietZone; }
    void setQuietZone(String v) { quietZone = v; }
    Severity getQuietBypass() { return quietBypass; }
    void setQuietBypass(Severity v) { quietBypass = v; }
    String getTitleTemplate() { return titleTemplate; }
    void setTitleTemplate(String v) { titleTemplate = v; }
    String getMessageTemplate() { return messageTemplate; }
    void setMessageTemplate(String v) { messageTemplate = v; }
    String getChannels() { return channels; }
    void setChannels(String v) { channels = v; }
}
