package io.aisle.simulations.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import io.aisle.testing.DataFiles;
import org.junit.jupiter.api.Test;

class DispatchedWarehouseTest {

    private final GridMap map = new MovingAiMapReader().read(DataFiles.resource("warehouse/maps/aisles.map"));

    @Test
    void picksOrdersWithDelayedRobotsAndNeverCollides() {
        for (ActionModel model : ActionModel.values()) {
            DispatchReport report = DispatchedWarehouse.run(map, model, 40, 200, 1, new DelayConfig(3, 2, 8, 0.01), 7);
            assertTrue(report.delayEvents() > 20, "delays injected: " + report.delayEvents());
            assertEquals(0, report.collisions() + report.invalidActions());
            assertEquals(0, report.refusedTelemetry());
            assertTrue(report.linesPicked() > 20, model + " picked " + report.linesPicked());
        }
    }

    @Test
    void routesAroundCellsClosedMidRunWithoutEnteringThemOrColliding() {
        DispatchReport report = DispatchedWarehouse.run(map, ActionModel.FOUR_CONNECTED, 40, 200, 1, null, 30, 7);
        assertEquals(30, report.cellsClosed());
        assertEquals(0, report.collisions() + report.invalidActions(), "a move into a closed cell counts as invalid");
        assertEquals(0, report.refusedTelemetry());
        assertTrue(report.linesPicked() > 20, "picked " + report.linesPicked());
    }
}
