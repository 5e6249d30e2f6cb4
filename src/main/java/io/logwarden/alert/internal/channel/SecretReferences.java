package io.logwarden.alert.internal.channel;

import io.logwarden.alert.ChannelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Channel credentials kept out of the rule store: a setting may contain {@code ${env:NAME}} (an environment variable
 * of the Logwarden process) or {@code ${file:/absolute/path}} (a file's content, trailing newline removed, e.g. a
 * Docker or Kubernetes secret). References are resolved each time a channel is opened to send, never stored
 * resolved; the rule keeps only the reference.
 */
public final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;

    public SecretReferences(Function<String, String> environment) {
        this.environment = environment;
    }

    public static SecretReferences system() {
        return new SecretReferences(System::getenv);
    }

    /** A reference that cannot be used. */
    public static final class UnresolvedReferenceException extends RuntimeException {
        UnresolvedReferenceException(String message) {
            super(message);
        }
    }

    /** True when the value refers to an environment variable or a file (such a value is not itself a secret). */
    public static boolean containsReference(String value) {
        return value != null && REFERENCE.matcher(value).find();
    }

    /** Syntax problems of the references in one configuration (always checked, also for disabled rules). */
    public static List<String> syntaxErrors(ChannelConfig config) {
        List<String> errors = new java.util.ArrayList<>();
        config.settings().forEach((key, value) -> {
            if (value == null) {
                return;
            }
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String target = m.group(2).trim();
                if (m.group(1).equals("env") && !ENV_NAME.matcher(target).matches()) {
                    errors.add(key + ": '" + m.group() + "' is not an environment variable name");
                } else if (m.group(1).equals("file") && !Path.of(target).isAbsolute()) {
                    errors.add(key + ": '" + m.group() + "' needs an absolute file path");
                }
            }
            if (value.contains("${") && !REFERENCE.matcher(value).find()) {
                errors.add(key + ": a reference must look like ${env:NAME} or ${file:/path}");
            }
        });
        return errors;
    }

    /** The configuration with every reference replaced by its value. */
    public ChannelConfig resolve(ChannelConfig config) {
        Map<String, String> settings = new HashMap<>();
        config.settings().forEach((key, value) -> settings.put(key, value == null ? null : resolve(key, value)));
        return new ChannelConfig(config.type(), settings, config.minSeverity());
    }

    private String resolve(String key, String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String target = m.group(2).trim();
            String resolved = m.group(1).equals("env") ? env(key, target) : file(key, target);
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String env(String key, String name) {
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw new UnresolvedReferenceException(key + ": environment variable " + name
                    + " is not set for the Logwarden process");
        }
        return value;
    }

    private static String file(String key, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new UnresolvedReferenceException(key + ": cannot read secret file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
