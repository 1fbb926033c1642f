package io.aisle.simulations.vda5050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.simulations.live.LiveWarehouse;
import io.aisle.testing.MosquittoExtension;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class VdaWarehouseTest {

    @RegisterExtension
    static final MosquittoExtension mqtt = new MosquittoExtension();

    // A run takes 20 s; a separate thread, so a test stuck on a lock fails instead of holding up the build.
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fleetOfTwentyFourVdaRobotsCompletesOrdersThroughMosquittoWithoutCollisions() throws Exception {
        VdaWarehouse.Result result = VdaWarehouse.run(new VdaWarehouse.Settings(mqtt.uri(), "aisle.acme.wh-vda",
                smallMap(), 24, Duration.ofSeconds(20), 2, 50, 100, 7));

        System.out.println(result);
        assertEquals(24, result.robots());
        assertEquals(0, result.collisions(), result.firstViolation());
        assertEquals(0, result.invalidMoves(), result.firstViolation());
        assertEquals(0, result.faultedRobots(), "every robot kept reporting its state over MQTT");
        assertTrue(result.ordersCompleted() >= 10, "orders completed: " + result.ordersCompleted());
        assertTrue(result.moves() > 500, "moves driven from VDA orders: " + result.moves());
        assertEquals(0, result.messagesIgnored(), "every state and connection message was understood");
        assertEquals(0, result.ordersRefusedByRobots(), "every order continued where the robot stood");
        assertEquals(0, result.publishesDropped(), "every message was handed to the broker");
    }

    private static GridMap smallMap() throws IOException {
        return new MovingAiMapReader().read("small", new StringReader(LiveWarehouse.SMALL_MAP));
    }
}
