package io.logwarden;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts Logwarden: the Spring context, the Vaadin UI and, by default, an embedded Elasticsearch. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LogwardenApplication {

    public static void main(String[] args) {
        SpringApplication.run(LogwardenApplication.class, args);
    }
}
