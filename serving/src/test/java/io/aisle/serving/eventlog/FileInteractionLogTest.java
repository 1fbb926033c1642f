package io.aisle.serving.eventlog;

import static io.aisle.serving.eventlog.EventLogFixtures.event;
import static io.aisle.serving.eventlog.EventLogFixtures.events;
import static io.aisle.serving.eventlog.EventLogFixtures.logFiles;
import static io.aisle.serving.eventlog.EventLogFixtures.readLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInteractionLogTest {

    @TempDir
    Path registry;

    @Test
    void eventsLandInTheFolderOfTheirOwnUtcDayInTheOrderAppended() {
        EventLogLayout layout = new EventLogLayout(registry);
        try (FileInteractionLog log = new FileInteractionLog(layout, "w1")) {
            log.append(events(0, 4)).block();
            log.append(events(4, 6)).block();
        }

        Path tenantLog = layout.tenantLog(new TenantId("acme"));
        assertEquals(List.of(tenantLog.resolve("dt=2026-03-01/part-w1.jsonl"), tenantLog.resolve("dt=2026-03-02/part-w1.jsonl")),
                logFiles(tenantLog));
        assertEquals(events(0, 6), readLog(tenantLog));
    }

    @Test
    void twoWritersOnOneRegistryNeverShareAFile() {
        EventLogLayout layout = new EventLogLayout(registry);
        try (FileInteractionLog first = new FileInteractionLog(layout, "w1");
                FileInteractionLog second = new FileInteractionLog(layout, "w2")) {
            first.append(List.of(event(0))).block();
            second.append(List.of(event(1))).block();
        }

        Path day = layout.dayFolder(new TenantId("acme"), LocalDate.parse("2026-03-01"));
        assertEquals(List.of(day.resolve("part-w1.jsonl"), day.resolve("part-w2.jsonl")), logFiles(day));
        assertEquals(events(0, 2), readLog(layout.tenantLog(new TenantId("acme"))));
    }

    @Test
    void aBatchThatFailsOnOneDayLeavesNothingOnTheOtherAndItsRetryLandsOnce() throws IOException {
        EventLogLayout layout = new EventLogLayout(registry);
        Path tenantLog = layout.tenantLog(new TenantId("acme"));
        // Day two's file cannot be opened: a folder stands where it would be.
        Path blocked = Files.createDirectories(tenantLog.resolve("dt=2026-03-02/part-w1.jsonl"));
        try (FileInteractionLog log = new FileInteractionLog(layout, "w1")) {
            log.append(events(0, 1)).block();

            assertThrows(UncheckedIOException.class, () -> log.append(events(1, 4)).block());
            assertEquals(events(0, 1), readLog(tenantLog), "day one keeps only the batch before the failed one");

            Files.delete(blocked);
            log.append(events(1, 4)).block();
        }
        assertEquals(events(0, 4), readLog(tenantLog));
    }
}
