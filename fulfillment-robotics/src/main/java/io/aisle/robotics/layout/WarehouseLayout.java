package io.aisle.robotics.layout;

import io.aisle.robotics.map.GridMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Pods on storage cells, pick stations and charging cells on a grid map. Immutable; where pods are now is
 * the dispatcher's state, not the layout's.
 */
public final class WarehouseLayout {

    private final GridMap map;
    private final List<Pod> pods;
    private final List<Station> stations;
    private final List<Integer> chargers;
    private final int[] storageCells;

    /**
     * @param storageCells cells where pods may be set down (every pod's home is one); copied
     */
    public WarehouseLayout(GridMap map, List<Pod> pods, List<Station> stations, List<Integer> chargers,
                           int[] storageCells) {
        this.map = map;
        this.pods = List.copyOf(pods);
        this.stations = List.copyOf(stations);
        this.chargers = List.copyOf(chargers);
        this.storageCells = storageCells.clone();
        if (this.stations.isEmpty()) {
            throw new IllegalArgumentException("a layout needs at least one station");
        }
        Set<Integer> storage = new HashSet<>();
        for (int cell : this.storageCells) {
            requirePassable(map, cell, "storage cell");
            storage.add(cell);
        }
        Set<Integer> homes = new HashSet<>();
        for (Pod pod : this.pods) {
            if (!storage.contains(pod.homeCell()) || !homes.add(pod.homeCell())) {
                throw new IllegalArgumentException("pod " + pod.id() + " home " + map.describe(pod.homeCell())
                        + " is not a free storage cell");
            }
        }
        for (Station station : this.stations) {
            requirePassable(map, station.cell(), "station " + station.id());
        }
        for (int charger : this.chargers) {
            requirePassable(map, charger, "charger");
        }
    }

    private static void requirePassable(GridMap map, int cell, String what) {
        if (!map.isPassable(cell)) {
            throw new IllegalArgumentException(what + " " + map.describe(cell) + " is not a passable cell");
        }
    }

    /**
     * Derives a layout from a map's symbols: LoRR storage cells ('S') hold pods, emitter cells ('E') are
     * stations. On a map without them, free cells next to an obstacle are storage and free cells on the map's
     * border rows are stations. Every other pod-able cell gets a pod carrying {@code skusPerPod} SKUs drawn
     * from {@code sku-0 .. sku-(skuCount-1)}; the first {@code chargerCount} free non-storage cells are chargers.
     */
    public static WarehouseLayout derive(GridMap map, int skuCount, int skusPerPod, int serviceSteps,
                                         int chargerCount, long seed) {
        List<Integer> storage = new ArrayList<>();
        List<Integer> stationCells = new ArrayList<>();
        boolean lorrSymbols = false;
        for (int cell = 0; cell < map.cellCount(); cell++) {
            if (map.isPassable(cell) && (map.terrainAt(cell) == 'S' || map.terrainAt(cell) == 'E')) {
                lorrSymbols = true;
                break;
            }
        }
        for (int cell = 0; cell < map.cellCount(); cell++) {
            if (!map.isPassable(cell)) {
                continue;
            }
            if (lorrSymbols) {
                if (map.terrainAt(cell) == 'S') {
                    storage.add(cell);
                } else if (map.terrainAt(cell) == 'E') {
                    stationCells.add(cell);
                }
            } else if (map.row(cell) == 0 || map.row(cell) == map.height() - 1) {
                stationCells.add(cell);
            } else if (touchesObstacle(map, cell)) {
                storage.add(cell);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Pod> pods = new ArrayList<>();
        for (int k = 0; k < storage.size(); k += 2) {
            Set<String> skus = new HashSet<>();
            while (skus.size() < Math.min(skusPerPod, skuCount)) {
                skus.add("sku-" + random.nextInt(skuCount));
            }
            pods.add(new Pod(pods.size(), storage.get(k), skus));
        }
        List<Station> stations = new ArrayList<>();
        for (int cell : stationCells) {
            stations.add(new Station(stations.size(), cell, serviceSteps));
        }
        Set<Integer> used = new HashSet<>(storage);
        used.addAll(stationCells);
        List<Integer> chargers = new ArrayList<>();
        for (int cell = 0; cell < map.cellCount() && chargers.size() < chargerCount; cell++) {
            if (map.isPassable(cell) && !used.contains(cell) && touchesObstacle(map, cell)) {
                chargers.add(cell);
            }
        }
        return new WarehouseLayout(map, pods, stations, chargers, storage.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean touchesObstacle(GridMap map, int cell) {
        int free = 0;
        for (int d = 0; d < GridMap.DIRECTIONS; d++) {
            if (map.neighbour(cell, d) != GridMap.NONE) {
                free++;
            }
        }
        return free < GridMap.DIRECTIONS;
    }

    public GridMap map() {
        return map;
    }

    public List<Pod> pods() {
        return pods;
    }

    public List<Station> stations() {
        return stations;
    }

    /** Charging cells. */
    public List<Integer> chargers() {
        return chargers;
    }

    /** A copy of the storage cells. */
    public int[] storageCells() {
        return storageCells.clone();
    }

    /** Every SKU some pod stocks, sorted: what orders on this layout may name. */
    public List<String> skus() {
        TreeSet<String> skus = new TreeSet<>();
        for (Pod pod : pods) {
            skus.addAll(pod.skus());
        }
        return List.copyOf(skus);
    }
}
