package io.logwarden.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.base.LogwardenProperties;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportProperties;
import io.logwarden.export.ExportSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path shared;

    @Test
    void instances_configured_with_one_directory_see_each_others_files() throws IOException {
        ExportFiles one = new ExportFiles(new LogwardenProperties(dataDir.resolve("one")), properties(shared));
        ExportFiles two = new ExportFiles(new LogwardenProperties(dataDir.resolve("two")), properties(shared));
        ExportJob job = ManifestSignerTest.job(ExportSource.search(List.of("logwarden-events"), List.of(), false));

        Files.writeString(one.data(job), "a,b\n");

        assertThat(one.data(job)).isEqualTo(shared.resolve(job.fileName()).toAbsolutePath());
        assertThat(two.length(job)).isEqualTo(4);
        two.delete(job);
        assertThat(one.length(job)).isEqualTo(-1);
    }

    @Test
    void without_a_directory_files_live_in_the_instance_data_dir() {
        ExportFiles files = new ExportFiles(new LogwardenProperties(dataDir), properties(null));
        ExportJob job = ManifestSignerTest.job(ExportSource.search(List.of("logwarden-events"), List.of(), false));

        assertThat(files.data(job)).isEqualTo(dataDir.resolve("exports").resolve(job.fileName()).toAbsolutePath());
        assertThat(dataDir.resolve("exports")).isDirectory();
    }

    private static ExportProperties properties(Path directory) {
        return new ExportProperties(Duration.ofDays(7), 5000, Duration.ofMinutes(30), Duration.ofSeconds(5), 2, null,
                null, Duration.ofMinutes(15), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(30),
                directory);
    }
}
