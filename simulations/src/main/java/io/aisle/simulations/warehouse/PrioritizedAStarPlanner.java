package io.aisle.simulations.warehouse;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.planning.PathPlanner;
import io.aisle.robotics.planning.StepOutcome;
import io.aisle.robotics.planning.StepPlan;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The baseline: prioritized planning (Silver, "Cooperative pathfinding", AIIDE 2005). Every step, robots in a
 * fixed order each run a windowed space-time A* that avoids the reservations of the robots before them, then
 * reserve their path for the window. Only the first step is executed; the next step plans again.
 *
 * <p>Validity: before searching, every robot claims its own cell at time 1, so a robot that finds nothing can
 * always wait, and nobody may enter a cell whose robot has not planned yet. Robots not reached before the
 * deadline wait the same way.
 */
public final class PrioritizedAStarPlanner implements PathPlanner {

    private final GridMap map;
    private final DistanceOracle oracle;
    private final ActionModel model;
    private final LongSupplier nanoClock;
    private final int window;
    private final int maxExpansions;
    private final int stateCount;
    private final ReservationTable reservations;
    private final int[] visited;
    private int stamp;
    // Search nodes, reused: state (cell, or cell*4+heading), time, cost so far, parent, estimate.
    private final int[] nodeState;
    private final int[] nodeTime;
    private final int[] nodeCost;
    private final int[] nodeParent;
    private final int[] nodeEstimate;
    private final int[] heap;
    private int heapSize;
    private final int[] path;

    /**
     * @param window        planning horizon in steps
     * @param maxExpansions search effort per robot and step
     * @param fleetSize     robots, to size the reservation table
     */
    public PrioritizedAStarPlanner(GridMap map, DistanceOracle oracle, ActionModel model, LongSupplier nanoClock,
                                   int window, int maxExpansions, int fleetSize) {
        this.map = map;
        this.oracle = oracle;
        this.model = model;
        this.nanoClock = nanoClock;
        this.window = window;
        this.maxExpansions = maxExpansions;
        this.stateCount = model == ActionModel.ROTATION ? map.cellCount() * 4 : map.cellCount();
        this.reservations = new ReservationTable(fleetSize * (window + 2) * 2 + 64);
        this.visited = new int[stateCount * (window + 1)];
        int nodes = maxExpansions * 5 + 8;
        nodeState = new int[nodes];
        nodeTime = new int[nodes];
        nodeCost = new int[nodes];
        nodeParent = new int[nodes];
        nodeEstimate = new int[nodes];
        heap = new int[nodes];
        path = new int[window + 1];
    }

    @Override
    public StepOutcome planStep(Fleet fleet, long deadlineNanos, StepPlan out) {
        int n = fleet.size();
        reservations.clear();
        for (int robot = 0; robot < n; robot++) {
            reservations.reserve(ReservationTable.vertex(1, fleet.cell(robot)), robot);
            if (fleet.isHeld(robot)) {
                reservations.reserve(ReservationTable.vertex(1, fleet.heldTarget(robot)), robot);
            }
            out.set(robot, Action.WAIT, fleet.cell(robot), fleet.heading(robot));
        }
        int planned = 0;
        boolean late = false;
        for (int robot = 0; robot < n; robot++) {
            if (fleet.isHeld(robot)) {
                continue;
            }
            if (nanoClock.getAsLong() - deadlineNanos >= 0) {
                late = true;
                break;
            }
            planned++;
            planRobot(fleet, robot, out);
        }
        return new StepOutcome(planned, late, 0);
    }

    private void planRobot(Fleet fleet, int robot, StepPlan out) {
        int cell = fleet.cell(robot);
        int heading = fleet.heading(robot);
        int goal = fleet.goal(robot);
        int length = goal == GridMap.NONE ? 0 : search(robot, cell, heading, goal);
        int lastState = length == 0 ? stateOf(cell, heading) : path[length];
        // Reserve the path, then the last pose until the window ends.
        for (int t = 1; t <= window; t++) {
            int state = t <= length ? path[t] : lastState;
            int previous = t - 1 <= length ? (t - 1 == 0 ? stateOf(cell, heading) : path[t - 1]) : lastState;
            int at = cellOf(state);
            if (reservations.owner(ReservationTable.vertex(t, at)) == ReservationTable.FREE) {
                reservations.reserve(ReservationTable.vertex(t, at), robot);
            }
            if (cellOf(previous) != at) {
                reservations.reserve(ReservationTable.edge(t, cellOf(previous), at), robot);
            }
        }
        if (length > 0) {
            int first = path[1];
            if (cellOf(first) != cell) {
                reservations.release(ReservationTable.vertex(1, cell), robot);
            }
            out.set(robot, actionBetween(cell, heading, first), cellOf(first), headingOf(first, heading));
        }
    }

    /** Windowed space-time A*; fills {@link #path} with states for t = 1..length and returns length (0: none). */
    private int search(int robot, int cell, int heading, int goal) {
        char[] table = oracle.table(goal);
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(visited, 0);
            stamp = 1;
        }
        heapSize = 0;
        int nodes = 0;
        int startState = stateOf(cell, heading);
        nodes = addNode(nodes, startState, 0, 0, -1, estimate(table, cell));
        int best = -1;
        int bestScore = Integer.MAX_VALUE;
        int expansions = 0;
        while (heapSize > 0 && expansions < maxExpansions) {
            int node = pop();
            int state = nodeState[node];
            int time = nodeTime[node];
            if (visited[time * stateCount + state] == stamp) {
                continue;
            }
            visited[time * stateCount + state] = stamp;
            int at = cellOf(state);
            int remaining = oracle.lookup(table, at);
            if (time > 0 && (remaining == 0 || time == window)) {
                best = node;
                break;
            }
            if (time > 0 && (remaining < bestScore)) {
                bestScore = remaining;
                best = node;
            }
            expansions++;
            if (nodes + 5 > nodeState.length) {
                break;
            }
            int successors = model == ActionModel.ROTATION ? 4 : 5;
            for (int k = 0; k < successors; k++) {
                int nextState = successor(state, k);
                if (nextState < 0) {
                    continue;
                }
                int nextCell = cellOf(nextState);
                int t = time + 1;
                if (oracle.isBlocked(nextCell) && nextCell != at) {
                    continue;
                }
                int holder = reservations.owner(ReservationTable.vertex(t, nextCell));
                if (holder != ReservationTable.FREE && holder != robot) {
                    continue;
                }
                if (nextCell != at && reservations.owner(ReservationTable.edge(t, nextCell, at)) != ReservationTable.FREE) {
                    continue;
                }
                if (visited[t * stateCount + nextState] == stamp) {
                    continue;
                }
                int h = oracle.lookup(table, nextCell);
                if (h == DistanceOracle.UNREACHABLE) {
                    continue;
                }
                nodes = addNode(nodes, nextState, t, nodeCost[node] + 1, node, nodeCost[node] + 1 + h);
            }
        }
        if (best < 0) {
            return 0;
        }
        int length = nodeTime[best];
        for (int node = best; nodeParent[node] >= 0; node = nodeParent[node]) {
            path[nodeTime[node]] = nodeState[node];
        }
        return length;
    }

    private int estimate(char[] table, int cell) {
        int h = oracle.lookup(table, cell);
        return h == DistanceOracle.UNREACHABLE ? Integer.MAX_VALUE / 4 : h;
    }

    /** Successor k of a state: 4-connected 0 wait, 1..4 directions; rotation 0 wait, 1 forward, 2 cw, 3 ccw. */
    private int successor(int state, int k) {
        if (model == ActionModel.FOUR_CONNECTED) {
            if (k == 0) {
                return state;
            }
            return map.neighbour(state, k - 1);
        }
        int cell = state >> 2;
        int heading = state & 3;
        return switch (k) {
            case 0 -> state;
            case 1 -> {
                int ahead = map.neighbour(cell, heading);
                yield ahead == GridMap.NONE ? -1 : (ahead << 2) | heading;
            }
            case 2 -> (cell << 2) | ((heading + 1) & 3);
            default -> (cell << 2) | ((heading + 3) & 3);
        };
    }

    private Action actionBetween(int cell, int heading, int nextState) {
        int next = cellOf(nextState);
        if (model == ActionModel.FOUR_CONNECTED) {
            return next == cell ? Action.WAIT : Action.moveToward(map.directionTo(cell, next));
        }
        int nextHeading = nextState & 3;
        if (next != cell) {
            return Action.FORWARD;
        }
        if (nextHeading == ((heading + 1) & 3)) {
            return Action.CLOCKWISE;
        }
        return nextHeading == heading ? Action.WAIT : Action.COUNTERCLOCKWISE;
    }

    private int stateOf(int cell, int heading) {
        return model == ActionModel.ROTATION ? (cell << 2) | heading : cell;
    }

    private int cellOf(int state) {
        return model == ActionModel.ROTATION ? state >> 2 : state;
    }

    private int headingOf(int state, int heading) {
        return model == ActionModel.ROTATION ? state & 3 : heading;
    }

    private int addNode(int nodes, int state, int time, int cost, int parent, int estimate) {
        nodeState[nodes] = state;
        nodeTime[nodes] = time;
        nodeCost[nodes] = cost;
        nodeParent[nodes] = parent;
        nodeEstimate[nodes] = estimate;
        push(nodes);
        return nodes + 1;
    }

    /** Min-heap on estimate, ties broken toward later time (deeper nodes). */
    private boolean before(int a, int b) {
        return nodeEstimate[a] < nodeEstimate[b] || (nodeEstimate[a] == nodeEstimate[b] && nodeTime[a] > nodeTime[b]);
    }

    private void push(int node) {
        int k = heapSize++;
        heap[k] = node;
        while (k > 0) {
            int parent = (k - 1) >> 1;
            if (!before(heap[k], heap[parent])) {
                break;
            }
            int swap = heap[k];
            heap[k] = heap[parent];
            heap[parent] = swap;
            k = parent;
        }
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        int k = 0;
        while (true) {
            int left = 2 * k + 1;
            if (left >= heapSize) {
                break;
            }
            int child = left + 1 < heapSize && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[child], heap[k])) {
                break;
            }
            int swap = heap[k];
            heap[k] = heap[child];
            heap[child] = swap;
            k = child;
        }
        return top;
    }
}
