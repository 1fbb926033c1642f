package io.aisle.robotics.map;

import java.util.Arrays;

/**
 * An immutable 4-connected grid. Cells are linearised as {@code row * width + col}, as in the League of
 * Robot Runners files. Directions are numbered as LoRR headings: 0 east, 1 south, 2 west, 3 north, so a
 * clockwise turn adds one.
 *
 * <p>The terrain symbol of every cell is kept ({@code 'E'} emitters and {@code 'S'} service cells of LoRR
 * maps, {@code 's'}/{@code 'e'} of a PIBT pickup-delivery overlay) so a layout can be derived from it.
 */
public final class GridMap {

    /** Number of directions of the 4-connected grid. */
    public static final int DIRECTIONS = 4;
    /** Marks a missing neighbour. */
    public static final int NONE = -1;

    private final String name;
    private final int width;
    private final int height;
    private final char[] terrain;
    private final boolean[] passable;
    private final int[] neighbours;
    private final int passableCount;

    /**
     * @param name    label used in messages
     * @param width   columns, at least 1
     * @param height  rows, at least 1
     * @param terrain one symbol per cell, row-major; copied
     */
    public GridMap(String name, int width, int height, char[] terrain) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be >= 1 but were " + width + "x" + height);
        }
        if (terrain.length != width * height) {
            throw new IllegalArgumentException("terrain must have width*height=" + width * height
                    + " cells but had " + terrain.length);
        }
        this.name = name;
        this.width = width;
        this.height = height;
        this.terrain = terrain.clone();
        this.passable = new boolean[terrain.length];
        int count = 0;
        for (int cell = 0; cell < terrain.length; cell++) {
            passable[cell] = isPassableSymbol(terrain[cell]);
            if (passable[cell]) {
                count++;
            }
        }
        this.passableCount = count;
        this.neighbours = new int[terrain.length * DIRECTIONS];
        Arrays.fill(neighbours, NONE);
        for (int cell = 0; cell < terrain.length; cell++) {
            if (!passable[cell]) {
                continue;
            }
            int row = cell / width;
            int col = cell % width;
            link(cell, 0, col + 1 < width ? cell + 1 : NONE);
            link(cell, 1, row + 1 < height ? cell + width : NONE);
            link(cell, 2, col > 0 ? cell - 1 : NONE);
            link(cell, 3, row > 0 ? cell - width : NONE);
        }
    }

    private void link(int cell, int direction, int other) {
        if (other != NONE && passable[other]) {
            neighbours[cell * DIRECTIONS + direction] = other;
        }
    }

    /** Traversable symbols of MovingAI and LoRR maps; everything else is an obstacle. */
    static boolean isPassableSymbol(char symbol) {
        return switch (symbol) {
            case '.', 'G', 'S', 'E', 's', 'e' -> true;
            default -> false;
        };
    }

    /** Symbols a map may contain at all. */
    static boolean isKnownSymbol(char symbol) {
        return isPassableSymbol(symbol) || symbol == '@' || symbol == 'O' || symbol == 'T' || symbol == 'W';
    }

    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of cells, passable or not. */
    public int cellCount() {
        return terrain.length;
    }

    public int passableCount() {
        return passableCount;
    }

    public boolean contains(int cell) {
        return cell >= 0 && cell < terrain.length;
    }

    /** True when the cell is inside the map and not an obstacle. */
    public boolean isPassable(int cell) {
        return contains(cell) && passable[cell];
    }

    public char terrainAt(int cell) {
        return terrain[cell];
    }

    /** The passable neighbour in a direction (0 east, 1 south, 2 west, 3 north), or {@link #NONE}. O(1). */
    public int neighbour(int cell, int direction) {
        return neighbours[cell * DIRECTIONS + direction];
    }

    /** Direction from a cell to an adjacent cell, or {@link #NONE} when they are not adjacent. */
    public int directionTo(int from, int to) {
        for (int d = 0; d < DIRECTIONS; d++) {
            if (neighbours[from * DIRECTIONS + d] == to) {
                return d;
            }
        }
        return NONE;
    }

    public int cell(int row, int col) {
        return row * width + col;
    }

    public int row(int cell) {
        return cell / width;
    }

    public int col(int cell) {
        return cell % width;
    }

    /** Manhattan distance between two cells, ignoring obstacles. */
    public int manhattan(int a, int b) {
        return Math.abs(a / width - b / width) + Math.abs(a % width - b % width);
    }

    /** Row and column of a cell, for messages. */
    public String describe(int cell) {
        return contains(cell) ? cell + " (row " + row(cell) + ", col " + col(cell) + ")" : String.valueOf(cell);
    }
}
