package io.aisle.robotics.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.testing.Grids;
import org.junit.jupiter.api.Test;

class LaneDistanceOracleTest {

    private final GridMap open = Grids.open(3, 3);

    @Test
    void movesAlongTheLanesCostOneEach() {
        LaneDistanceOracle lanes = new LaneDistanceOracle(new DistanceOracle(open, 4), 4, 4);
        // East along row 0, then south down column 2: both with their lanes.
        assertEquals(4, lanes.cost(open.cell(2, 2), open.cell(0, 0)));
        assertEquals(2, lanes.cost(open.cell(0, 2), open.cell(0, 0)));
    }

    @Test
    void detoursWhenTheStraightWayRunsAgainstTheLanes() {
        LaneDistanceOracle lanes = new LaneDistanceOracle(new DistanceOracle(open, 4), 4, 4);
        // Straight west along row 0 (eastward) costs 5 + 5; down column 2 (southward), twice west along row 1
        // (westward), then north up column 0 (southward) costs 1 + 1 + 1 + 5 = 8.
        assertEquals(8, lanes.cost(open.cell(0, 0), open.cell(0, 2)));
    }

    @Test
    void paysThePenaltyWhenNoWayFollowsTheLanes() {
        GridMap corridor = Grids.open(1, 3);
        LaneDistanceOracle lanes = new LaneDistanceOracle(new DistanceOracle(corridor, 4), 3, 4);
        assertEquals(2, lanes.cost(corridor.cell(0, 2), corridor.cell(0, 0)), "east along row 0");
        assertEquals(8, lanes.cost(corridor.cell(0, 0), corridor.cell(0, 2)), "two moves of 1 + 3 westward");
    }

    @Test
    void namesTheLaneOfEveryRowAndColumn() {
        LaneDistanceOracle lanes = new LaneDistanceOracle(new DistanceOracle(open, 4), 1, 4);
        int even = open.cell(0, 0);
        int odd = open.cell(1, 1);
        assertFalse(lanes.isAgainstLane(even, 0), "even rows run east");
        assertTrue(lanes.isAgainstLane(even, 2));
        assertFalse(lanes.isAgainstLane(odd, 2), "odd rows run west");
        assertFalse(lanes.isAgainstLane(even, 1), "even columns run south");
        assertTrue(lanes.isAgainstLane(even, 3));
        assertFalse(lanes.isAgainstLane(odd, 3), "odd columns run north");
    }

    @Test
    void routesAroundBlockedCellsAndReportsUnreachableOnes() {
        DistanceOracle distances = new DistanceOracle(Grids.open(2, 3), 4);
        LaneDistanceOracle lanes = new LaneDistanceOracle(distances, 4, 4);
        distances.setBlocked(1, true);
        // From (0,0) to (0,2) without (0,1): south down column 0 (southward) 1, twice east along row 1
        // (westward) 5 + 5, north up column 2 (southward) 5.
        assertEquals(16, lanes.cost(2, 0));
        distances.setBlocked(3, true);
        distances.setBlocked(4, true);
        assertEquals(DistanceOracle.UNREACHABLE, lanes.cost(2, 0));
    }

    @Test
    void searchesOncePerCachedGoalAndAgainWhenACellIsBlocked() {
        DistanceOracle distances = new DistanceOracle(open, 4);
        LaneDistanceOracle lanes = new LaneDistanceOracle(distances, 2, 4);
        lanes.cost(0, 8);
        lanes.cost(0, 5);
        assertEquals(1, lanes.searches());
        distances.setBlocked(4, true);
        lanes.cost(0, 5);
        assertEquals(2, lanes.searches(), "the blocked cell made the table stale");
        assertEquals(0, distances.searches(), "true distances were never needed");
    }

    @Test
    void choosesNoLanesOnASparseFloorAndHeavierPenaltiesAsItFills() {
        assertEquals(0, LaneDistanceOracle.penaltyFor(100, 819), "0.12 robots per free cell");
        assertEquals(0, LaneDistanceOracle.penaltyFor(3000, 47240), "0.06");
        assertEquals(1, LaneDistanceOracle.penaltyFor(200, 819), "0.24");
        assertEquals(1, LaneDistanceOracle.penaltyFor(20, 100), "0.2 is the first with lanes");
        assertEquals(4, LaneDistanceOracle.penaltyFor(40, 100), "0.4 is the first at 4");
        assertEquals(4, LaneDistanceOracle.penaltyFor(800, 819), "0.98");
    }

    @Test
    void refusesAFloorWithoutFreeCells() {
        assertThrows(IllegalArgumentException.class, () -> LaneDistanceOracle.penaltyFor(1, 0));
    }
}
