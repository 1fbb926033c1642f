package io.aisle.simulations.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MovingAiMapReader;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.problem.DelayConfig;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.testing.DataFiles;
import org.junit.jupiter.api.Test;

class WarehouseRunTest {

    private final GridMap map = new MovingAiMapReader().read(DataFiles.resource("warehouse/maps/aisles.map"));
    private final LorrProblem problem = SyntheticProblems.random(map, 60, 5);

    @Test
    void guidedPibtFinishesTasksWithoutCollisionsUnderBothModels() {
        for (ActionModel model : ActionModel.values()) {
            RunReport report = WarehouseRun.run("pibt", problem, Planners.priorityInheritance(),
                    new RunSettings(model, 150, null, 0, 3, 1000, 3));
            assertEquals(0, report.collisions() + report.invalidActions(), String.valueOf(report.firstViolation()));
            assertTrue(report.tasksFinished() > 10, model + " finished " + report.tasksFinished());
        }
    }

    @Test
    void neighbourhoodSearchFinishesMoreTasksThanPibtAloneWithoutCollisions() {
        RunSettings settings = new RunSettings(ActionModel.ROTATION, 150, null, 0, 3, 1000, 3);
        RunReport pibt = WarehouseRun.run("pibt", problem, Planners.priorityInheritance(), settings);
        RunReport searched = WarehouseRun.run("lns", problem, Planners.windowedLns(8, 5, 8), settings);
        assertNull(searched.firstViolation());
        assertTrue(searched.tasksFinished() > pibt.tasksFinished(),
                searched.tasksFinished() + " tasks with the search against " + pibt.tasksFinished() + " without");
    }

    @Test
    void plannersOnLanesFinishTasksWithoutCollisionsOrInvalidActions() {
        RunSettings settings = new RunSettings(ActionModel.ROTATION, 150, null, 0, 3, 1000, 3);
        for (PlannerFactory factory : new PlannerFactory[] {Planners.priorityInheritance(4),
                Planners.windowedLns(8, 5, 8, 4)}) {
            RunReport report = WarehouseRun.run("lanes", problem, factory, settings);
            assertEquals(0, report.collisions() + report.invalidActions(), String.valueOf(report.firstViolation()));
            assertTrue(report.tasksFinished() > 10, "finished " + report.tasksFinished());
        }
    }

    @Test
    void baselineIsCollisionFreeUnderBothModels() {
        for (ActionModel model : ActionModel.values()) {
            RunReport report = WarehouseRun.run("baseline", problem, Planners.prioritizedAStar(),
                    new RunSettings(model, 100, null, 0, 3, 1000, 3));
            assertNull(report.firstViolation());
            assertTrue(report.tasksFinished() > 0);
        }
    }

    @Test
    void delaysNeverCauseCollisions() {
        RunReport report = WarehouseRun.run("pibt", problem, Planners.priorityInheritance(),
                new RunSettings(ActionModel.ROTATION, 150, new DelayConfig(9, 2, 8, 0.02), 0, 3, 1000, 3));
        assertTrue(report.delayEvents() > 50, "delays were injected: " + report.delayEvents());
        assertNull(report.firstViolation());
    }

    @Test
    void brokenRobotsAreFaultedAndTheOthersKeepFinishingTasks() {
        RunReport report = WarehouseRun.run("pibt", problem, Planners.priorityInheritance(),
                new RunSettings(ActionModel.FOUR_CONNECTED, 200, null, 0.1, 3, 1000, 3));
        assertEquals(6, report.faulted());
        assertNull(report.firstViolation());
        assertTrue(report.tasksFinished() > 10);
    }
}
