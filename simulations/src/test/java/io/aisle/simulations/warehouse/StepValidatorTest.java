package io.aisle.simulations.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StepValidatorTest {

    private final GridMap map;

    StepValidatorTest() throws IOException {
        map = WarehouseSimulatorTest.grid("...", ".@.");
    }

    @Test
    void countsTwoRobotsEndingInOneCell() {
        StepValidator validator = new StepValidator(map, ActionModel.FOUR_CONNECTED, cell -> false);
        validator.check(0, new int[] {0, 2}, new int[2], new Action[] {Action.EAST, Action.WEST}, new int[] {1, 1},
                new int[2]);
        assertEquals(1, validator.collisions());
    }

    @Test
    void countsASwap() {
        StepValidator validator = new StepValidator(map, ActionModel.FOUR_CONNECTED, cell -> false);
        validator.check(0, new int[] {0, 1}, new int[2], new Action[] {Action.EAST, Action.WEST}, new int[] {1, 0},
                new int[2]);
        assertEquals(1, validator.collisions());
    }

    @Test
    void countsAMoveIntoAnObstacleOrABlockedCellOrOfTheWrongModel() {
        StepValidator validator = new StepValidator(map, ActionModel.FOUR_CONNECTED, cell -> cell == 5);
        validator.check(0, new int[] {1, 2, 3}, new int[3], new Action[] {Action.SOUTH, Action.SOUTH, Action.FORWARD},
                new int[] {4, 5, 3}, new int[3]);
        assertEquals(3, validator.invalidActions());
    }

    @Test
    void checksHeadingsUnderTheRotationModel() {
        StepValidator validator = new StepValidator(map, ActionModel.ROTATION, cell -> false);
        validator.check(0, new int[] {0}, new int[] {0}, new Action[] {Action.CLOCKWISE}, new int[] {0}, new int[] {3});
        assertEquals(1, validator.invalidActions(), "clockwise from east faces south (1), not north (3)");
    }
}
