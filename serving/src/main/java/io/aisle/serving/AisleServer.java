package io.aisle.serving;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The Spring Boot application. Start it through {@code ./aisle serve} or {@code ./aisle demo}. */
@SpringBootApplication
public class AisleServer {

    /**
     * Starts the server and returns once it listens.
     *
     * @param overrides Spring properties that win over application.yml and the environment,
     *     for example {@code server.port}
     */
    public static ConfigurableApplicationContext start(Map<String, Object> overrides, String... args) {
        SpringApplication application = new SpringApplication(AisleServer.class);
        application.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("aisle-cli", overrides)));
        return application.run(args);
    }

    public static void main(String[] args) {
        start(Map.of(), args);
    }
}
