package io.aisle.robotics.testing;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MovingAiMapReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Builds small maps from rows of symbols, and finds the shared data sets. */
public final class Grids {

    private Grids() {
    }

    /** A map from rows of MovingAI symbols ('.' free, '@' obstacle). */
    public static GridMap of(String... rows) {
        StringBuilder text = new StringBuilder("type octile\nheight " + rows.length + "\nwidth " + rows[0].length() + "\nmap\n");
        for (String row : rows) {
            text.append(row).append('\n');
        }
        try {
            return new MovingAiMapReader().read("test.map", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} distinct passable cells drawn at random. */
    public static int[] distinctFreeCells(GridMap map, int count, SplittableRandom random) {
        int[] cells = new int[count];
        boolean[] used = new boolean[map.cellCount()];
        for (int k = 0; k < count; k++) {
            int cell;
            do {
                cell = random.nextInt(map.cellCount());
            } while (!map.isPassable(cell) || used[cell]);
            used[cell] = true;
            cells[k] = cell;
        }
        return cells;
    }

    /** The shared warehouse data folder, relative to the module directory Maven runs tests in. */
    public static Path sharedWarehouseData() {
        return Path.of("..", "..", "shared", "data", "warehouse");
    }
}
