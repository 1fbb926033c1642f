package io.aisle.simulations.scaleout;

import io.aisle.simulations.loadtest.BuiltJars;
import io.aisle.simulations.loadtest.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The testing module's single-node KRaft broker ({@code io.aisle.testing.StandaloneKafkaBroker}) in a JVM of its own,
 * started from {@code testing/target/aisle-testing.jar} and its {@code lib/}: Kafka's broker brings scala-library
 * and Jackson 2.19, which stay off this module's class path.
 */
final class KafkaBrokerProcess {

    static final String JAR = "testing/target/aisle-testing.jar";
    private static final String MAIN_CLASS = "io.aisle.testing.StandaloneKafkaBroker";
    /** What {@code StandaloneKafkaBroker} prints once it serves clients. */
    private static final String READY = "kafka ready on ";

    private KafkaBrokerProcess() {
    }

    static Optional<Path> locate() {
        return BuiltJars.find(JAR);
    }

    /** A started broker and the address it serves on. */
    record Started(ChildProcess process, String bootstrapServers) {
    }

    /** Starts the broker (the kit picks its port) and returns once it serves clients. */
    static Started start(Path jar, Path log, Duration timeout) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", jar + java.io.File.pathSeparator + jar.resolveSibling("lib").resolve("*"), MAIN_CLASS);
        ChildProcess broker = ChildProcess.start("kafka-broker", command, Map.of(), log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                broker.close();
                throw new IllegalStateException("the Kafka broker exited while starting; see " + log);
            }
            Optional<String> ready = Files.readAllLines(log).stream().filter(line -> line.startsWith(READY)).findFirst();
            if (ready.isPresent()) {
                return new Started(broker, ready.get().substring(READY.length()).strip());
            }
            Thread.sleep(200);
        }
        broker.close();
        throw new IllegalStateException("the Kafka broker was not ready within " + timeout.toSeconds() + " s; see " + log);
    }
}
