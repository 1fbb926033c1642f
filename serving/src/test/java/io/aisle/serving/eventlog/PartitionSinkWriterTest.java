package io.aisle.serving.eventlog;

import static io.aisle.serving.eventlog.EventLogFixtures.events;
import static io.aisle.serving.eventlog.EventLogFixtures.logFiles;
import static io.aisle.serving.eventlog.EventLogFixtures.readLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionSinkWriterTest {

    private static final TenantId ACME = new TenantId("acme");

    @TempDir
    Path registry;

    private EventLogLayout layout;
    private Path sink;

    private PartitionSinkWriter writer(Consumer<String> afterStep) {
        layout = new EventLogLayout(registry);
        sink = registry.resolve(".sink");
        return new PartitionSinkWriter(layout, sink, "aisle.interactions", 3, afterStep);
    }

    @Test
    void aPartitionNeverWrittenIsReadFromItsBeginning() {
        assertEquals(OptionalLong.empty(), writer(step -> { }).recover());
    }

    @Test
    void batchesLandUnderTheirDaysNamedByPartitionAndFirstOffset() {
        PartitionSinkWriter writer = writer(step -> { });
        writer.write(0, 3, events(0, 4));
        writer.write(4, 5, events(4, 6));

        Path tenantLog = layout.tenantLog(ACME);
        assertEquals(List.of(
                        tenantLog.resolve("dt=2026-03-01/part-aisle.interactions-3-0.jsonl"),
                        tenantLog.resolve("dt=2026-03-02/part-aisle.interactions-3-0.jsonl"),
                        tenantLog.resolve("dt=2026-03-02/part-aisle.interactions-3-4.jsonl")),
                logFiles(tenantLog));
        assertEquals(events(0, 6), readLog(tenantLog));
        assertEquals(OptionalLong.of(6), writer(step -> { }).recover());
    }

    /** A sink that dies after any step, and its successor, together write every record once. */
    @ParameterizedTest
    @ValueSource(strings = {"staged", "committed", "published"})
    void aSinkThatDiesAfterAnyStepAndItsSuccessorWriteEveryRecordOnce(String deathStep) throws IOException {
        PartitionSinkWriter first = writer(step -> { });
        first.write(0, 3, events(0, 4));
        PartitionSinkWriter dying = writer(step -> {
            if (step.equals(deathStep)) {
                throw new Death();
            }
        });
        assertThrows(Death.class, () -> dying.write(4, 9, events(4, 10)));

        PartitionSinkWriter successor = writer(step -> { });
        long next = successor.recover().orElseThrow();
        assertEquals(deathStep.equals("staged") ? 4 : 10, next, "where the log says to go on");
        // The successor reads the topic again from there: the records it has not written yet.
        if (next < 10) {
            successor.write(next, 9, events((int) next, 10));
        }
        successor.write(10, 11, events(10, 12));

        assertEquals(events(0, 12), readLog(layout.tenantLog(ACME)));
        assertTrue(isEmptyOrAbsent(sink.resolve("staging")), "no staging left behind");
    }

    @Test
    void aCheckpointOfAnotherFormatIsRefusedRatherThanGuessed() throws IOException {
        PartitionSinkWriter writer = writer(step -> { });
        writer.write(0, 0, List.<InteractionEvent>of());
        Files.writeString(sink.resolve("aisle.interactions-3.json"), "{\"version\":2,\"next\":5,\"pending\":[]}");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> writer(step -> { }).recover());
        assertTrue(refused.getMessage().contains("format version 2"), refused.getMessage());
    }

    private static boolean isEmptyOrAbsent(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return true;
        }
        try (var children = Files.list(folder)) {
            return children.findAny().isEmpty();
        }
    }

    /** A process death, which no catch block of the writer's sees. */
    private static final class Death extends Error {
    }
}
