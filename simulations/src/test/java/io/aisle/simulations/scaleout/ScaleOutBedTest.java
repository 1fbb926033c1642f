package io.aisle.simulations.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aisle.simulations.live.LiveWarehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The short version of {@code ./aisle bench scale-out}: three replicas of the built server behind HAProxy, with a
 * redis-server and a Kafka broker, all separate processes. Skipped, saying what is missing, when the serving or
 * testing jar is not built or haproxy or redis-server is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ScaleOutBedTest {

    private static ScaleOutBed bed;

    @BeforeAll
    static void startBed() throws IOException, InterruptedException {
        List<String> missing = ScaleOutBed.missing(Optional.empty());
        assumeTrue(missing.isEmpty(), () -> "the scale-out bed needs " + String.join(", ", missing));
        bed = ScaleOutBed.start(new ScaleOutBed.Settings(3, "512m", 2_000, 7, Optional.empty()),
                Path.of("target").toAbsolutePath(), System.err);
    }

    @AfterAll
    static void stopBed() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    void killingAReplicaUnderStorefrontLoadFailsNoRequest() throws Exception {
        StorefrontKillRun.Result result = StorefrontKillRun.run(bed, 6, Duration.ofSeconds(20),
                List.of(new StorefrontKillRun.Step(Duration.ofSeconds(7), StorefrontKillRun.Action.KILL, 0)), 7, System.err);

        assertTrue(result.requests() > 100, "requests served: " + result.requests());
        assertEquals(0, result.failed(), "failed requests; the first: " + result.firstFailure());
        assertEquals(2, bed.replicasInRotation(), "HAProxy took the dead replica out of rotation");

        bed.restart(0);
        bed.awaitInRotation(3, Duration.ofMinutes(2));
    }

    @Test
    @Order(2)
    void killingTheOwnerOfAWarehouseNeverLetsTwoReplicasRunItsDispatcher() throws Exception {
        LiveWarehouse.Settings settings = new LiveWarehouse.Settings("bed-warehouse", LiveWarehouse.SMALL_MAP, 8,
                Duration.ofSeconds(30), 2, 50, 7);
        // The run registers the warehouse and issues its keys first (a few seconds), then drives it: kill once it runs.

        WarehouseKillRun.Result result = WarehouseKillRun.run(bed, settings, List.of(Duration.ofSeconds(16)), System.err);

        assertTrue(result.kills().get(0).contains("kill -9"), "the owner was found and killed: " + result.kills());
        assertTrue(result.turns().size() >= 2, "another replica took the warehouse over: " + result.turns());
        assertEquals(List.of(), result.overlaps(), "two dispatchers at once");
        assertTrue(result.handoverPause().compareTo(Duration.ZERO) > 0, "the new owner waited for the old lease to lapse");
        assertTrue(result.live().linesPicked() > 0, "the warehouse worked: " + result.live());
        assertEquals(0, result.live().collisions(), "collisions across the takeover: " + result.live());
        assertEquals(0, result.live().invalidMoves(), "invalid moves across the takeover: " + result.live());
        assertEquals(0, result.live().linesPickedTwice(), "lines picked twice: " + result.live());
        assertEquals(0, result.live().linesUnaccounted(), "order lines lost: " + result.live());
    }
}
