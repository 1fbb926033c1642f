package io.aisle.robotics.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.testing.DataFiles;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class MovingAiMapReaderTest {

    private final MovingAiMapReader reader = new MovingAiMapReader();

    @Test
    void readsAMapFileKeepingEveryTerrainSymbolAndWhichArePassable() {
        GridMap map = reader.read(DataFiles.resource("maps/every-symbol.map"));
        assertEquals("every-symbol.map", map.name());
        assertEquals(9, map.width());
        assertEquals(4, map.height());
        assertEquals(29, map.passableCount(), "'@', 'T', 'O' and 'W' block; '.', 'G', 'S', 'E', 's', 'e' do not");
        assertEquals('E', map.terrainAt(map.cell(0, 1)));
        assertTrue(map.isPassable(map.cell(1, 7)), "'s' is a PIBT pickup cell");
        assertFalse(map.isPassable(map.cell(1, 4)), "'T' is a tree");
        assertFalse(map.isPassable(map.cell(2, 6)), "'W' is water");
    }

    @Test
    void readsTheSharedMovingAiWarehouseWithItsSizeAndObstacles() {
        GridMap map = reader.read(DataFiles.shared("warehouse/movingai-warehouse/warehouse-20-40-10-2-1.map"));
        assertEquals(321, map.width());
        assertEquals(123, map.height());
        assertEquals(22_599, map.passableCount());
    }

    @Test
    void readsMapsWithoutTypeLineAndLinksNeighbours() throws Exception {
        GridMap map = reader.read("m", new StringReader("height 2\nwidth 3\nmap\n.@.\n...\n"));
        assertEquals(GridMap.NONE, map.neighbour(0, 0), "east of cell 0 is an obstacle");
        assertEquals(3, map.neighbour(0, 1));
        assertTrue(map.isPassable(2));
    }

    @Test
    void refusesARowOfTheWrongWidthNamingItsLine() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.read("bad.map", new StringReader("type octile\nheight 2\nwidth 3\nmap\n...\n..\n")));
        assertEquals(6, e.lineNumber());
        assertTrue(e.getMessage().contains("width=3"), e.getMessage());
    }

    @Test
    void refusesAnUnknownSymbolNamingLineAndColumn() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.read("bad.map", new StringReader("height 1\nwidth 3\nmap\n.x.\n")));
        assertEquals(4, e.lineNumber());
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
    }

    @Test
    void refusesAMissingHeight() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.read("bad.map", new StringReader("width 3\nmap\n...\n")));
        assertTrue(e.getMessage().contains("height"), e.getMessage());
    }

    @Test
    void refusesTooFewRows() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.read("bad.map", new StringReader("height 3\nwidth 1\nmap\n.\n.\n")));
        assertEquals(6, e.lineNumber());
    }

    @Test
    void refusesANonNumericWidth() {
        MapFormatException e = assertThrows(MapFormatException.class,
                () -> reader.read("bad.map", new StringReader("height 1\nwidth x\nmap\n.\n")));
        assertEquals(2, e.lineNumber());
    }
}
