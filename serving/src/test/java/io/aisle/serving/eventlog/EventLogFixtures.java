package io.aisle.serving.eventlog;

import io.aisle.serving.events.EventType;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Events for log tests, and the log read back. */
final class EventLogFixtures {

    static final Instant DAY_ONE = Instant.parse("2026-03-01T23:59:58Z");

    private EventLogFixtures() {
    }

    /** Event {@code n} of tenant {@code acme}: a view every second from {@link #DAY_ONE}, so the day changes at n = 2. */
    static InteractionEvent event(int n) {
        return new InteractionEvent(new TenantId("acme"), "u-" + (n % 7), "item-" + n, EventType.VIEW,
                DAY_ONE.plusSeconds(n), Optional.empty());
    }

    static List<InteractionEvent> events(int fromInclusive, int toExclusive) {
        List<InteractionEvent> events = new ArrayList<>();
        for (int n = fromInclusive; n < toExclusive; n++) {
            events.add(event(n));
        }
        return events;
    }

    /** Every event of a tenant's log, sorted by item, and the files they came from. */
    static List<InteractionEvent> readLog(Path tenantLog) {
        return logFiles(tenantLog).stream()
                .flatMap(file -> lines(file).stream())
                .map(InteractionEventJson::decode)
                .sorted((a, b) -> a.timestamp().compareTo(b.timestamp()))
                .toList();
    }

    static List<Path> logFiles(Path tenantLog) {
        if (!Files.exists(tenantLog)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tenantLog)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
