package io.logwarden.base;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by all features.
 *
 * @param dataDir directory for Logwarden's local state: the ingest journal, export files and, in embedded mode,
 *                Elasticsearch's distribution and data
 */
@Validated
@ConfigurationProperties("logwarden")
public record LogwardenProperties(@NotNull @DefaultValue("data") Path dataDir) {
}
