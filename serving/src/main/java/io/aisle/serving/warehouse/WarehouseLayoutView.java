package io.aisle.serving.warehouse;

import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.map.GridMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code GET /v1/warehouses/{w}/layout}: what does not change while the warehouse runs, so a view
 * reads it once and then polls only the state. Cells are {@code row * width + col}, each list ascending but pods
 * (by id).
 *
 * @param obstacles    cells no robot may enter
 * @param storageCells cells a pod may stand on
 * @param pods         every pod and the storage cell it starts on; where a pod is now follows from the robots
 * @param stations     pick station cells
 * @param chargers     charging cells
 */
public record WarehouseLayoutView(String warehouse, int width, int height, List<Integer> obstacles,
                                  List<Integer> storageCells, List<PodView> pods, List<Integer> stations,
                                  List<Integer> chargers) {

    /** A pod and its home cell. */
    public record PodView(int id, int homeCell) {
    }

    public WarehouseLayoutView {
        obstacles = List.copyOf(obstacles);
        storageCells = List.copyOf(storageCells);
        pods = List.copyOf(pods);
        stations = List.copyOf(stations);
        chargers = List.copyOf(chargers);
    }

    static WarehouseLayoutView of(RegisteredWarehouse warehouse) {
        GridMap map = warehouse.spec().map();
        List<Integer> obstacles = new ArrayList<>();
        for (int cell = 0; cell < map.cellCount(); cell++) {
            if (!map.isPassable(cell)) {
                obstacles.add(cell);
            }
        }
        var layout = warehouse.layout();
        return new WarehouseLayoutView(warehouse.key().warehouse(), map.width(), map.height(), obstacles,
                Arrays.stream(layout.storageCells()).sorted().boxed().toList(),
                layout.pods().stream().map((Pod pod) -> new PodView(pod.id(), pod.homeCell())).toList(),
                layout.stations().stream().map(Station::cell).sorted().toList(),
                layout.chargers().stream().sorted().toList());
    }
}
