package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.simulations.loadtest.ServingUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of the server a serving benchmark starts, and of its report; {@code bench serving} and {@code bench keepalive} share them. */
final class ServingBenchOptions {

    @Option(names = "--items", defaultValue = "100000", description = "Catalogue size of the synthetic tenant (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--redis", description = "Also start a private redis-server and run the server in Redis mode.")
    boolean redis;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the models and the request mix (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--server-heap", defaultValue = "4g", description = "The server JVM's -Xmx (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--serving-jar", description = "The serving jar (default: serving/target/aisle-serving.jar of this checkout).")
    Path servingJar;

    @Option(names = "--pin", description = "Pin the load generator to CPU 0 and the server (and redis-server) to CPU 1 with taskset.")
    boolean pin;

    @Option(names = "--report", description = "Also write the report as JSON to this file.")
    Path report;

    /** Writes {@code result} as indented JSON to {@code --report}, when given. */
    void writeReport(Object result) throws IOException {
        if (report != null) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(report, json.writeValueAsString(result) + System.lineSeparator());
        }
    }

    ServingUnderTest.Settings settings() {
        return new ServingUnderTest.Settings(items, redis, seed, serverHeap, Optional.ofNullable(servingJar), pin);
    }
}
