package io.aisle.simulations.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store turns read from replicas' logs as the server writes them. */
class OwnershipLogTest {

    private static final String RUNS = " INFO 1 --- [store-worker] i.a.serving.store.StoreOwnership : store bed:crowd-1 runs on this"
            + " replica now, partition 4 from offset ";
    private static final String STOPS = " INFO 1 --- [store-worker] i.a.serving.store.StoreOwnership : store bed:crowd-1 stops"
            + " running on this replica";

    @TempDir
    Path dir;

    @Test
    void endsAStoreTurnAtTheKillOfItsReplicaAndStartsTheNextAtItsTakeover() throws IOException {
        Path first = Files.writeString(dir.resolve("replica-0.log"), "2026-12-07T10:00:00.000Z" + RUNS + "0\n"
                + "2026-12-07T10:00:30.000Z some later line\n");
        Path second = Files.writeString(dir.resolve("replica-1.log"), "2026-12-07T10:00:27.500Z" + RUNS + "812\n"
                + "2026-12-07T10:01:00.000Z" + STOPS + "\n");
        Instant kill = Instant.parse("2026-12-07T10:00:20Z");

        List<OwnershipLog.Turn> turns = OwnershipLog.storeTurns(List.of(first, second), "bed:crowd-1", Map.of(0, List.of(kill)));

        assertEquals(List.of(new OwnershipLog.Turn(0, 0, Instant.parse("2026-12-07T10:00:00Z"), kill),
                new OwnershipLog.Turn(1, 812, Instant.parse("2026-12-07T10:00:27.500Z"), Instant.parse("2026-12-07T10:01:00Z"))), turns);
        assertEquals(List.of(), OwnershipLog.overlaps(turns));
    }
}
