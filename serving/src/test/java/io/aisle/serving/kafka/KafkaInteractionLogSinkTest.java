package io.aisle.serving.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.eventlog.EventLogLayout;
import io.aisle.serving.eventlog.InteractionEventJson;
import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The log sink against a real broker: a sink killed mid-stream and its successor write the same log as a sink
 * that ran through, every record once.
 */
class KafkaInteractionLogSinkTest {

    private static final int EVENTS = 300;
    private static final List<TenantId> TENANTS = List.of(new TenantId("acme"), new TenantId("globex"));

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path work;

    private static KafkaEventBus bus;

    @BeforeAll
    static void publishEveryEventBeforeAnySinkRuns() {
        bus = new KafkaEventBus(kafka.bootstrapServers(), 6);
        bus.subscribe(events -> Mono.empty());
        bus.start();
        List<InteractionEvent> events = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            events.add(new InteractionEvent(TENANTS.get(n % 2), "u-" + (n % 17), "item-" + n,
                    n % 5 == 0 ? EventType.PURCHASE : EventType.VIEW,
                    Instant.parse("2026-03-01T22:00:00Z").plusSeconds(60L * n), Optional.empty()));
        }
        for (int from = 0; from < EVENTS; from += 25) {
            bus.publish(events.subList(from, from + 25)).block(Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stopBus() {
        bus.stop();
    }

    @Test
    void aSinkKilledMidStreamAndItsSuccessorWriteWhatAnUninterruptedSinkWrites() throws Exception {
        EventLogLayout crashed = new EventLogLayout(work.resolve("crashed"));
        AtomicInteger commits = new AtomicInteger();
        KafkaInteractionLogSink dying = new KafkaInteractionLogSink(kafka.bootstrapServers(), crashed, step -> {
            // Dies between committing its third batch and publishing it: the hardest point to resume from.
            if (step.equals("committed") && commits.incrementAndGet() == 3) {
                throw new ProcessDeath();
            }
        });
        dying.start();
        await(() -> commits.get() >= 3, "the first sink to reach its third batch");
        dying.stop();
        int beforeDeath = lines(crashed).size();
        assertTrue(beforeDeath < EVENTS, "the first sink died mid-stream, having published " + beforeDeath);

        List<String> resumed = runToTheEnd(crashed);
        List<String> uninterrupted = runToTheEnd(new EventLogLayout(work.resolve("uninterrupted")));

        assertEquals(EVENTS, uninterrupted.size());
        assertEquals(uninterrupted, resumed, "the same records, each once");
        assertEquals(EVENTS, resumed.stream().distinct().count());
    }

    /** Runs a sink of the group until the log holds every event, and returns its lines sorted. */
    private static List<String> runToTheEnd(EventLogLayout layout) throws InterruptedException {
        KafkaInteractionLogSink sink = new KafkaInteractionLogSink(kafka.bootstrapServers(), layout, step -> { });
        sink.start();
        try {
            await(() -> lines(layout).size() >= EVENTS, "the log to hold all " + EVENTS + " events");
            Thread.sleep(500); // anything past the last event would be a duplicate
        } finally {
            sink.stop();
        }
        return lines(layout).stream().sorted().toList();
    }

    private static List<String> lines(EventLogLayout layout) {
        List<String> lines = new ArrayList<>();
        for (TenantId tenant : TENANTS) {
            Path log = layout.tenantLog(tenant);
            if (!Files.exists(log)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(log)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        assertEquals(tenant, InteractionEventJson.decode(line).tenant(), "a tenant's log holds its own events");
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Kills the sink's thread the way a dying process does: no catch block of the sink sees it. */
    private static final class ProcessDeath extends Error {
    }

}
