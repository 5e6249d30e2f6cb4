package io.logwarden.ingest.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The appender class in README.md is the one the HTTP appender IT runs. */
class ReadmeHttpAppenderTest {

    @Test
    void the_readme_http_appender_is_the_tested_class() throws Exception {
        String tested = Files.readString(Path.of("src/test/java/io/logwarden/ingest/internal/LogwardenHttpAppender.java"))
                .replace("package io.logwarden.ingest.internal;", "package com.example.logging;");

        String inReadme = ReadmeSnippets.block("### logback.xml for a Spring Boot application (HTTP)", "java");

        assertThat(inReadme).isEqualTo(tested);
    }
}
