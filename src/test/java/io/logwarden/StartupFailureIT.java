package io.logwarden;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.testsupport.LogwardenProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up against an unusable cluster ends with a short explanation, not a stack trace. */
class StartupFailureIT {

    @Test
    void unreachable_cluster_gives_a_clear_error_and_exit() throws Exception {
        int closedPort = LogwardenProcess.freePort();
        LogwardenProcess app = LogwardenProcess.start(Path.of("target", "startup-failure").toAbsolutePath(), Map.of(),
                "--logwarden.elasticsearch.url=http://127.0.0.1:" + closedPort,
                "--logwarden.elasticsearch.startup-timeout=3s");
        try {
            int exit = app.awaitExit(Duration.ofMinutes(2));
            String output = app.output();

            assertThat(exit).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("Cannot reach Elasticsearch at http://127.0.0.1:" + closedPort)
                    .contains("remove that setting to let Logwarden start its embedded Elasticsearch");
            assertThat(output).doesNotContainPattern("(?m)^\\s+at io\\.logwarden");
        } finally {
            app.close();
        }
    }
}
