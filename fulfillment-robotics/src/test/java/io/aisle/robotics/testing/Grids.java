package io.aisle.robotics.testing;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.map.MovingAiMapReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Builds maps from rows of symbols and warehouse layouts. */
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

    /** An open map of {@code height} rows and {@code width} columns, all free. */
    public static GridMap open(int height, int width) {
        String[] rows = new String[height];
        Arrays.fill(rows, ".".repeat(width));
        return of(rows);
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

    /**
     * A warehouse laid out like the LoRR 2023 {@code warehouse_small} map: {@code blocksAcross} by
     * {@code blocksDown} shelves of 3 x 2 obstacle cells, storage cells ('S') on every side of them, a free
     * {@code margin} around the shelves, and stations ('E') on every third row of the left and right borders.
     */
    public static GridMap warehouse(int blocksAcross, int blocksDown, int margin) {
        int shelvesWide = 4 * blocksAcross + 1;
        int shelvesHigh = 3 * blocksDown + 1;
        String[] rows = new String[shelvesHigh + 2 * margin];
        for (int row = 0; row < rows.length; row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < shelvesWide + 2 * margin; col++) {
                int y = row - margin;
                int x = col - margin;
                if (y >= 0 && y < shelvesHigh && x >= 0 && x < shelvesWide) {
                    boolean storageRow = y % 3 == 0;
                    boolean storageColumn = x % 4 == 0;
                    line.append(storageRow == storageColumn ? (storageRow ? '.' : '@') : 'S');
                } else if ((col == 0 || col == shelvesWide + 2 * margin - 1) && row % 3 == 1) {
                    line.append('E');
                } else {
                    line.append('.');
                }
            }
            rows[row] = line.toString();
        }
        return of(rows);
    }
}
