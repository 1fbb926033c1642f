package io.aisle.simulations.warehouse;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.problem.RulesEdition;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded problems on a bare map: random distinct starts and fetch-and-deliver tasks. */
public final class SyntheticProblems {

    private SyntheticProblems() {
    }

    /**
     * A problem with {@code robots} agents on distinct free cells and Kiva-like tasks: fetch at a storage cell
     * ('S' of LoRR maps, 's' of PIBT maps), deliver at a station cell ('E' / 'e'). A map without both kinds
     * gets tasks of two random free cells. Tasks use the 2024 rules with one revealed task per robot.
     */
    public static LorrProblem random(GridMap map, int robots, long seed) {
        if (robots < 1 || robots > map.passableCount()) {
            throw new IllegalArgumentException("robots must be in [1, " + map.passableCount() + "] but was " + robots);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] free = cellsWhere(map, "");
        int[] storage = cellsWhere(map, "Ss");
        int[] stations = cellsWhere(map, "Ee");
        if (storage.length == 0 || stations.length == 0) {
            storage = free.clone();
            stations = free.clone();
        }
        int[] starts = new int[robots];
        for (int k = 0; k < robots; k++) {
            // Partial Fisher-Yates: the first k free cells are the chosen starts.
            int pick = k + random.nextInt(free.length - k);
            int swap = free[k];
            free[k] = free[pick];
            free[pick] = swap;
            starts[k] = free[k];
        }
        int[][] tasks = new int[Math.max(1000, robots * 20)][];
        for (int t = 0; t < tasks.length; t++) {
            tasks[t] = new int[] {storage[random.nextInt(storage.length)], stations[random.nextInt(stations.length)]};
        }
        return new LorrProblem(map.name() + "-" + robots + "-random", map, starts, tasks, 1.0,
                RulesEdition.LORR_2024, null);
    }

    /** Passable cells whose symbol is one of {@code symbols}, or all passable cells when it is empty. */
    private static int[] cellsWhere(GridMap map, String symbols) {
        int[] cells = new int[map.passableCount()];
        int count = 0;
        for (int cell = 0; cell < map.cellCount(); cell++) {
            if (map.isPassable(cell) && (symbols.isEmpty() || symbols.indexOf(map.terrainAt(cell)) >= 0)) {
                cells[count++] = cell;
            }
        }
        return Arrays.copyOf(cells, count);
    }
}
