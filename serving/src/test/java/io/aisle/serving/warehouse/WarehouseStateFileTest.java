package io.aisle.serving.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.robotics.dispatch.ManualClock;
import io.aisle.robotics.dispatch.OrderReceipt;
import io.aisle.robotics.dispatch.OrderStatus;
import io.aisle.robotics.dispatch.RobotView;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class WarehouseStateFileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REGISTRATION = "{\"map\":\"type octile\\nheight 6\\nwidth 7\\nmap\\n.......\\n.@.@.@.\\n"
            + ".......\\n.......\\n.@.@.@.\\n.......\\n\",\"robots\":[{\"id\":\"r-1\",\"cell\":16},{\"id\":\"r-2\",\"cell\":18}],"
            + "\"skuCount\":1,\"skusPerPod\":1,\"serviceSteps\":1,\"chargers\":0,\"seed\":3}";

    @TempDir
    Path folder;

    private final WarehouseSpec spec = WarehouseSpec.parse(REGISTRATION.getBytes(StandardCharsets.UTF_8));
    private final ManualClock clock = new ManualClock();

    /** A dispatcher for the registration's robots, as a server builds one before restoring. */
    private Dispatcher registered() {
        return new Dispatcher(spec.layout(), List.of("r-1", "r-2"), new int[] {16, 18},
                DispatcherSettings.defaults(spec.actionModel()), clock);
    }

    private static DispatcherCheckpoint throughJson(DispatcherCheckpoint checkpoint) {
        return WarehouseStateFile.fromBytes(WarehouseStateFile.toBytes(checkpoint), "test");
    }

    @Test
    void refusesATruncatedCheckpointNamingTheFile() throws IOException {
        Path file = folder.resolve("state.json");
        Files.writeString(file, "{\"tick\": 12, \"robots\": [");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WarehouseStateFile.read(file));
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
    }

    @Test
    void checkpointWrittenBeforeFleetChangesRestoresWithTheirDefaults() {
        Dispatcher first = registered();
        first.submitOrder(new Order("o-1", List.of(new OrderLine("sku-0", 1))));
        ObjectNode json = (ObjectNode) JSON.readTree(WarehouseStateFile.toBytes(first.checkpoint()));
        json.remove(List.of("orders", "parkingCells", "fleetRevision"));
        for (JsonNode robot : json.get("robots")) {
            ((ObjectNode) robot).remove("batteryFromTelemetry");
        }

        DispatcherCheckpoint old = WarehouseStateFile.fromBytes(JSON.writeValueAsBytes(json), "old");
        Dispatcher second = registered();
        second.restore(old);

        OrderStatus order = second.findOrder("o-1").orElseThrow();
        assertEquals(new OrderStatus("o-1", 0, Order.NO_DEADLINE, 1, OrderStatus.State.OPEN, 0), order);
        assertEquals(OrderReceipt.Outcome.DUPLICATE_ORDER,
                second.submitOrder(new Order("o-1", List.of(new OrderLine("sku-0", 1)))).outcome());
        assertEquals(List.of(), second.parkingCells());
        assertEquals(List.of("r-1", "r-2"), second.snapshot().robots().stream().map(RobotView::robotId).toList());
    }

    @Test
    void addedAndRemovedRobotsCancelledOrdersParkingAndBatteryReadingsSurviveARestore() {
        Dispatcher first = registered();
        first.submitOrder(new Order("o-1", List.of(new OrderLine("sku-0", 1)), 7, 5_000));
        first.cancelOrder("o-1");
        first.submitOrder(new Order("o-2", List.of(new OrderLine("sku-0", 1)), 2, 9_000));
        assertTrue(first.addRobot("r-9", 25).done());
        assertTrue(first.removeRobot("r-2").done());
        first.setParkingCell(0, true);
        assertTrue(first.acceptTelemetry(new Telemetry("r-9", 25, 0, 42.5)).accepted());

        Dispatcher second = registered();
        second.restore(throughJson(first.checkpoint()));

        WarehouseSnapshot restored = second.snapshot();
        assertEquals(List.of("r-1", "r-9"), restored.robots().stream().map(RobotView::robotId).toList());
        assertEquals(25, restored.robots().get(1).cell());
        assertEquals(42.5, restored.robots().get(1).batteryPercent(), 1e-9);
        assertEquals(List.of(0), restored.parkingCells());
        assertEquals(1, restored.ordersCancelled());
        assertEquals(OrderStatus.State.CANCELLED, second.findOrder("o-1").orElseThrow().state());
        OrderStatus open = second.findOrder("o-2").orElseThrow();
        assertEquals(2, open.priority());
        assertEquals(9_000, open.deadlineEpochMillis());
        assertEquals(OrderStatus.State.OPEN, open.state());
        // The battery stays the robot's own reading: ticks do not drain it.
        assertTrue(second.acceptTelemetry(new Telemetry("r-9", 25, 0)).accepted());
        second.tick();
        assertEquals(42.5, second.snapshot().robots().get(1).batteryPercent(), 1e-9);
    }
}
