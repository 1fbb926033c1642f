package io.aisle.robotics.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.testing.Grids;
import org.junit.jupiter.api.Test;

class DistanceOracleTest {

    private final GridMap map = Grids.of(
            "...",
            ".@.",
            "...");

    @Test
    void measuresTrueDistanceAroundObstacles() {
        DistanceOracle oracle = new DistanceOracle(map, 4);
        assertEquals(4, oracle.distance(map.cell(2, 1), map.cell(0, 1)));
    }

    @Test
    void routesAroundABlockedCell() {
        DistanceOracle oracle = new DistanceOracle(map, 4);
        oracle.setBlocked(map.cell(1, 0), true);
        assertEquals(6, oracle.distance(map.cell(2, 0), map.cell(0, 0)), "must go round the right side");
        assertEquals(2, oracle.distance(map.cell(0, 2), map.cell(0, 0)));
    }

    @Test
    void reportsUnreachableCells() {
        DistanceOracle oracle = new DistanceOracle(Grids.of(".@."), 2);
        assertEquals(DistanceOracle.UNREACHABLE, oracle.distance(2, 0));
    }

    @Test
    void searchesOncePerCachedGoal() {
        DistanceOracle oracle = new DistanceOracle(map, 1);
        oracle.distance(0, 8);
        oracle.distance(0, 5);
        oracle.distance(2, 5);
        oracle.distance(0, 5);
        assertEquals(3, oracle.searches(), "capacity 1 evicts goal 0 when goal 2 arrives");
    }

    @Test
    void recomputesAtMostTheAllowedStaleTablesPerStep() {
        DistanceOracle oracle = new DistanceOracle(map, 8);
        oracle.distance(map.cell(2, 0), map.cell(0, 0));
        oracle.distance(map.cell(2, 2), map.cell(0, 0));
        oracle.setBlocked(map.cell(1, 0), true);
        oracle.limitRefreshes(1);
        assertEquals(6, oracle.distance(map.cell(2, 0), map.cell(0, 0)), "refreshed");
        assertEquals(4, oracle.distance(map.cell(2, 2), map.cell(0, 0)), "still the stale table: unchanged here");
        assertEquals(3, oracle.searches());
    }

    @Test
    void freshTableIsRecomputedWhenStaleWhateverTheRefreshLimit() {
        DistanceOracle oracle = new DistanceOracle(map, 8);
        oracle.distance(map.cell(2, 0), map.cell(0, 0));
        oracle.setBlocked(map.cell(1, 0), true);
        oracle.limitRefreshes(0);
        assertEquals(6, oracle.lookup(oracle.freshTable(map.cell(2, 0)), map.cell(0, 0)));
        oracle.freshTable(map.cell(2, 0));
        assertEquals(2, oracle.searches(), "fresh once recomputed");
    }
}
