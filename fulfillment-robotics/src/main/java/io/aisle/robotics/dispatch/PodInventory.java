package io.aisle.robotics.dispatch;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.PickTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pod-inventory phase of the dispatcher: where each pod stands (or that a robot carries it), which pods a task
 * holds, pods lost on faulted robots and their recoveries, and the storage cells robots are bringing pods back to.
 * Picks the pod for a task and the storage cell for a returned pod.
 *
 * <p>Not thread-safe: owned by the {@link Dispatcher}, under its lock.
 */
final class PodInventory {

    private static final int UNREACHABLE = ClosedCellRouting.UNREACHABLE;

    private final WarehouseLayout layout;
    private final GridMap map;
    private final ClosedCellRouting routing;
    private final DistanceOracle distances;
    /** Cell of each pod, -1 while a robot carries it. */
    private final int[] podCell;
    private final boolean[] podBusy;
    private final boolean[] podLost;
    /** Pod standing on each cell, -1 for none. */
    private final int[] podAt;
    /** Storage cells a robot is bringing a pod back to. */
    private final boolean[] returnTarget;
    private final int[] storageCells;
    private final List<PodRecovery> recoveries = new ArrayList<>();

    PodInventory(WarehouseLayout layout, ClosedCellRouting routing, DistanceOracle distances) {
        this.layout = layout;
        this.map = layout.map();
        this.routing = routing;
        this.distances = distances;
        int pods = layout.pods().size();
        this.podCell = new int[pods];
        this.podBusy = new boolean[pods];
        this.podLost = new boolean[pods];
        this.podAt = new int[map.cellCount()];
        this.returnTarget = new boolean[map.cellCount()];
        this.storageCells = layout.storageCells();
        Arrays.fill(podAt, -1);
        for (Pod pod : layout.pods()) {
            podCell[pod.id()] = pod.homeCell();
            podAt[pod.homeCell()] = pod.id();
        }
    }

    int podCount() {
        return podCell.length;
    }

    /** The cell a pod stands on, -1 while carried. */
    int cellOf(int pod) {
        return podCell[pod];
    }

    /** Whether a SKU is on a pod not lost on a faulted robot. */
    boolean stockedAnywhere(String sku) {
        for (Pod pod : layout.pods()) {
            if (!podLost[pod.id()] && pod.skus().contains(sku)) {
                return true;
            }
        }
        return false;
    }

    /** A task holds the pod from now on. */
    void reserve(int pod) {
        podBusy[pod] = true;
    }

    /** No task holds the pod any more (it stands where it is). */
    void free(int pod) {
        podBusy[pod] = false;
    }

    /** A robot lifts the pod from its cell. */
    void pickUp(int pod) {
        podAt[podCell[pod]] = -1;
        podCell[pod] = -1;
    }

    /** A robot sets the pod down on {@code cell}, its return target; no task holds it any more. */
    void putDown(int pod, int cell) {
        returnTarget[cell] = false;
        podCell[pod] = cell;
        podAt[cell] = pod;
        podBusy[pod] = false;
    }

    /** The pod is on a faulted robot: it is listed for recovery and no task may use it. */
    void lose(int pod, int cell, String robotId) {
        podLost[pod] = true;
        recoveries.add(new PodRecovery(pod, cell, robotId));
    }

    List<PodRecovery> recoveries() {
        return recoveries;
    }

    /** Picks and reserves the storage cell a robot at {@code from} brings {@code pod} back to. */
    int reserveReturnCell(int pod, int from) {
        int cell = freeStorageCell(layout.pods().get(pod).homeCell(), from);
        returnTarget[cell] = true;
        return cell;
    }

    void holdReturnCell(int cell) {
        returnTarget[cell] = true;
    }

    void releaseReturnCell(int cell) {
        returnTarget[cell] = false;
    }

    /** The pod's home if free (and not another robot's return target), else the nearest free storage cell. */
    private int freeStorageCell(int home, int from) {
        if (podAt[home] < 0 && !returnTarget[home] && !routing.isBlocked(home)) {
            return home;
        }
        int best = GridMap.NONE;
        int bestDistance = Integer.MAX_VALUE;
        for (int cell : storageCells) {
            if (podAt[cell] < 0 && !returnTarget[cell] && !routing.isBlocked(cell)) {
                int d = map.manhattan(cell, from);
                if (d < bestDistance) {
                    best = cell;
                    bestDistance = d;
                }
            }
        }
        return best == GridMap.NONE ? from : best;
    }

    /**
     * The free storage cell nearest by true distance that a route reaches from {@code from}, or NONE. One search
     * from {@code from} (distances are symmetric on the grid), so it is kept for the rare case of a cut-off target.
     */
    int reachableStorageCell(int from) {
        char[] fromHere = distances.freshTable(from);
        int best = GridMap.NONE;
        int bestDistance = UNREACHABLE;
        for (int cell : storageCells) {
            if (podAt[cell] < 0 && !returnTarget[cell] && !routing.isBlocked(cell)) {
                int d = distances.lookup(fromHere, cell);
                if (d < bestDistance) {
                    best = cell;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    /**
     * The task with a pod that can be brought to its station, or to another station when closed cells cut its own
     * off; null when there is none.
     */
    PickTask placeOnPod(PickTask next) {
        int pod = findPod(next.sku(), layout.stations().get(next.stationId()).cell());
        if (pod >= 0) {
            return next.withPod(pod);
        }
        for (Station station : layout.stations()) {
            pod = station.id() == next.stationId() ? -1 : findPod(next.sku(), station.cell());
            if (pod >= 0) {
                return next.withPod(pod).withStation(station.id());
            }
        }
        return null;
    }

    /** The available pod holding a SKU nearest to a station, on an open cell a route links to it, or -1. */
    private int findPod(String sku, int stationCell) {
        if (routing.isBlocked(stationCell)) {
            return -1;
        }
        // Fresh: a stale table would skip pods a reopened cell reconnected (stations are few, so this is cheap).
        char[] toStation = distances.freshTable(stationCell);
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (Pod pod : layout.pods()) {
            int id = pod.id();
            if (podBusy[id] || podLost[id] || podCell[id] < 0 || !pod.skus().contains(sku)
                    || routing.isBlocked(podCell[id]) || distances.lookup(toStation, podCell[id]) == UNREACHABLE) {
                continue;
            }
            int d = map.manhattan(podCell[id], stationCell);
            if (d < bestDistance) {
                best = id;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Whether a pod with the SKU stands free somewhere, reachable or not. */
    boolean hasAvailablePod(String sku) {
        for (Pod pod : layout.pods()) {
            int id = pod.id();
            if (!podBusy[id] && !podLost[id] && podCell[id] >= 0 && pod.skus().contains(sku)) {
                return true;
            }
        }
        return false;
    }

    /** Every pod, by id, for a checkpoint. */
    List<DispatcherCheckpoint.PodCheckpoint> checkpoint() {
        List<DispatcherCheckpoint.PodCheckpoint> pods = new ArrayList<>(podCell.length);
        for (int pod = 0; pod < podCell.length; pod++) {
            pods.add(new DispatcherCheckpoint.PodCheckpoint(pod, podCell[pod], podBusy[pod], podLost[pod]));
        }
        return pods;
    }

    /** Loads a checkpoint's pods (as many as this layout has) and recoveries. */
    void restore(List<DispatcherCheckpoint.PodCheckpoint> pods, List<PodRecovery> savedRecoveries) {
        Arrays.fill(podAt, -1);
        for (DispatcherCheckpoint.PodCheckpoint pod : pods) {
            int id = pod.podId();
            if (id < 0 || id >= podCell.length || (pod.cell() != -1 && !map.isPassable(pod.cell()))) {
                throw new IllegalArgumentException("checkpoint pod " + id + " at " + pod.cell() + " does not fit the map");
            }
            podCell[id] = pod.cell();
            podBusy[id] = pod.busy();
            podLost[id] = pod.lost();
            if (pod.cell() >= 0) {
                podAt[pod.cell()] = id;
            }
        }
        recoveries.addAll(savedRecoveries);
    }
}
