package io.aisle.robotics.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.testing.Grids;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarehouseLayoutTest {

    @Test
    void listsEverySkuSomePodStocksOnceAndSorted() {
        GridMap map = Grids.of(
                ".....",
                ".....");
        WarehouseLayout layout = new WarehouseLayout(map,
                List.of(new Pod(0, map.cell(1, 1), Set.of("tea", "soap")), new Pod(1, map.cell(1, 3), Set.of("soap", "milk"))),
                List.of(new Station(0, map.cell(0, 0), 2)), List.of(), new int[] {map.cell(1, 1), map.cell(1, 3)});

        assertEquals(List.of("milk", "soap", "tea"), layout.skus());
    }
}
