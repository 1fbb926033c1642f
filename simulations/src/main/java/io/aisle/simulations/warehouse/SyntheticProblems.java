package io.aisle.simulations.warehouse;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.problem.RulesEdition;
import java.util.SplittableRandom;

/** Seeded problems on a bare map: random distinct starts and single-errand tasks at the map's endpoints. */
public final class SyntheticProblems {

    private SyntheticProblems() {
    }

    /**
     * A problem with {@code robots} agents on distinct free cells and tasks drawn from the endpoint cells of
     * the map (LoRR 'E'/'S' and PIBT 'e'/'s' symbols) or, when it has none, from all free cells. Tasks use the
     * 2024 rules with one revealed task per robot.
     */
    public static LorrProblem random(GridMap map, int robots, long seed) {
        if (robots < 1 || robots > map.passableCount()) {
            throw new IllegalArgumentException("robots must be in [1, " + map.passableCount() + "] but was " + robots);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] free = new int[map.passableCount()];
        int freeCount = 0;
        int[] endpoints = new int[map.passableCount()];
        int endpointCount = 0;
        for (int cell = 0; cell < map.cellCount(); cell++) {
            if (map.isPassable(cell)) {
                free[freeCount++] = cell;
                char symbol = map.terrainAt(cell);
                if (symbol == 'E' || symbol == 'S' || symbol == 'e' || symbol == 's') {
                    endpoints[endpointCount++] = cell;
                }
            }
        }
        int[] starts = new int[robots];
        for (int k = 0; k < robots; k++) {
            // Partial Fisher-Yates: the first k free cells are the chosen starts.
            int pick = k + random.nextInt(freeCount - k);
            int swap = free[k];
            free[k] = free[pick];
            free[pick] = swap;
            starts[k] = free[k];
        }
        int[] pool = endpointCount > 0 ? endpoints : free;
        int poolCount = endpointCount > 0 ? endpointCount : freeCount;
        int[][] tasks = new int[Math.max(1000, robots * 20)][];
        for (int t = 0; t < tasks.length; t++) {
            tasks[t] = new int[] {pool[random.nextInt(poolCount)]};
        }
        return new LorrProblem(map.name() + "-" + robots + "-random", map, starts, tasks, 1.0,
                RulesEdition.LORR_2024, null);
    }
}
