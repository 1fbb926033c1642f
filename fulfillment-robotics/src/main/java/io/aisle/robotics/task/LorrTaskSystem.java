package io.aisle.robotics.task;

import io.aisle.robotics.distance.DistanceOracle;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.planning.Fleet;
import io.aisle.robotics.problem.LorrProblem;
import io.aisle.robotics.problem.RulesEdition;
import java.util.Arrays;

/**
 * Hands out League of Robot Runners tasks and counts what is finished.
 *
 * <p>2023 rules: task {@code k * teamSize + agent} (cycling through the file) is the {@code k}-th errand of an
 * agent, one at a time. 2024+ rules: {@code ceil(numTasksReveal * teamSize)} tasks are revealed; when one
 * finishes the next task of the file is revealed. A task is an errand sequence visited in order by one agent.
 *
 * <p>Assignment (2024+) is a continuous auction on estimated travel time: a free agent bids for the revealed
 * task with the lowest cost, the true distance to its first errand plus the task's own length (Manhattan
 * between errands). It may outbid the agent holding a task that has not started (first errand not reached);
 * the loser bids again. Candidates are shortlisted by Manhattan distance, then ranked by true distance where
 * its table is already cached (Manhattan otherwise), so bidding never runs a search of its own: at 10,000
 * robots a search per bid would cost more than planning.
 *
 * <p>Not thread-safe: the step loop owns it.
 */
public final class LorrTaskSystem {

    /** A bid must beat the holder's cost by this many steps to take a task over, so tasks do not flap. */
    static final int OUTBID_MARGIN = 4;
    private static final int SHORTLIST = 3;

    private final LorrProblem problem;
    private final DistanceOracle oracle;
    private final GridMap map;
    private final int teamSize;
    // Per agent: the pool slot it works on (2024+), or its round-robin counter and errand index (2023).
    private final int[] agentSlot;
    private final int[] roundRobinCounter;
    private final int[] errandIndex;
    // Per pool slot (2024+): file task index, holder, holder's bid, length, errands done (kept on re-dispatch).
    private final int[] slotTask;
    private final int[] slotHolder;
    private final int[] slotBid;
    private final int[] slotLength;
    private final int[] slotProgress;
    private final int[] shortlist = new int[SHORTLIST];
    private final int[] shortlistCost = new int[SHORTLIST];
    private final int[] freeAgents;
    private int nextTaskToReveal;
    private long tasksFinished;
    private long errandsFinished;
    private long reassignments;

    public LorrTaskSystem(LorrProblem problem, DistanceOracle oracle) {
        this.problem = problem;
        this.oracle = oracle;
        this.map = problem.map();
        this.teamSize = problem.teamSize();
        this.agentSlot = new int[teamSize];
        this.roundRobinCounter = new int[teamSize];
        this.errandIndex = new int[teamSize];
        this.freeAgents = new int[teamSize];
        Arrays.fill(agentSlot, -1);
        int poolSize = problem.edition() == RulesEdition.LORR_2024
                ? (int) Math.ceil(problem.numTasksReveal() * teamSize) : 0;
        slotTask = new int[poolSize];
        slotHolder = new int[poolSize];
        slotBid = new int[poolSize];
        slotLength = new int[poolSize];
        slotProgress = new int[poolSize];
        for (int slot = 0; slot < poolSize; slot++) {
            reveal(slot);
        }
    }

    public long tasksFinished() {
        return tasksFinished;
    }

    public long errandsFinished() {
        return errandsFinished;
    }

    /** Times a not-started task moved from one agent to a closer one. */
    public long reassignments() {
        return reassignments;
    }

    /**
     * Records errands reached at the fleet's current cells, reveals and assigns tasks, and sets every agent's
     * goal in the fleet. Call once per step, before planning.
     *
     * @param available false for agents that must get no task (broken down); their task is released
     */
    public void update(Fleet fleet, boolean[] available) {
        if (problem.edition() == RulesEdition.LORR_2023) {
            updateRoundRobin(fleet, available);
        } else {
            updatePool(fleet, available);
        }
    }

    private void updateRoundRobin(Fleet fleet, boolean[] available) {
        for (int agent = 0; agent < teamSize; agent++) {
            if (!available[agent]) {
                fleet.setGoal(agent, GridMap.NONE);
                continue;
            }
            int task = roundRobinTask(agent);
            if (fleet.cell(agent) == problem.errand(task, errandIndex[agent])) {
                errandsFinished++;
                errandIndex[agent]++;
                if (errandIndex[agent] == problem.errandCount(task)) {
                    tasksFinished++;
                    errandIndex[agent] = 0;
                    roundRobinCounter[agent]++;
                    task = roundRobinTask(agent);
                }
            }
            fleet.setGoal(agent, problem.errand(task, errandIndex[agent]));
        }
    }

    private int roundRobinTask(int agent) {
        return (int) (((long) roundRobinCounter[agent] * teamSize + agent) % problem.taskCount());
    }

    private void updatePool(Fleet fleet, boolean[] available) {
        int free = 0;
        for (int agent = 0; agent < teamSize; agent++) {
            int slot = agentSlot[agent];
            if (!available[agent]) {
                if (slot >= 0) {
                    // Re-dispatch: the remaining errands go back to the pool for another agent.
                    slotHolder[slot] = -1;
                    agentSlot[agent] = -1;
                }
                fleet.setGoal(agent, GridMap.NONE);
                continue;
            }
            if (slot >= 0) {
                int task = slotTask[slot];
                if (fleet.cell(agent) == problem.errand(task, slotProgress[slot])) {
                    errandsFinished++;
                    slotProgress[slot]++;
                    if (slotProgress[slot] == problem.errandCount(task)) {
                        tasksFinished++;
                        agentSlot[agent] = -1;
                        reveal(slot);
                        slot = -1;
                    }
                }
            }
            if (slot < 0) {
                freeAgents[free++] = agent;
            }
        }
        assign(fleet, free);
        for (int agent = 0; agent < teamSize; agent++) {
            int slot = agentSlot[agent];
            if (available[agent]) {
                fleet.setGoal(agent, slot < 0 ? GridMap.NONE : problem.errand(slotTask[slot], slotProgress[slot]));
            }
        }
    }

    private void reveal(int slot) {
        int task = nextTaskToReveal % problem.taskCount();
        nextTaskToReveal++;
        slotTask[slot] = task;
        slotHolder[slot] = -1;
        slotBid[slot] = Integer.MAX_VALUE;
        slotProgress[slot] = 0;
        int length = 0;
        for (int k = 1; k < problem.errandCount(task); k++) {
            length += map.manhattan(problem.errand(task, k - 1), problem.errand(task, k));
        }
        slotLength[slot] = length;
    }

    /** Auction: each free agent bids; an outbid holder becomes free and bids again (bounded rounds). */
    private void assign(Fleet fleet, int free) {
        int budget = free * 4 + 16;
        int head = 0;
        int pending = free;
        int[] queue = freeAgents;
        while (pending > 0 && budget-- > 0) {
            int agent = queue[head];
            head = (head + 1) % queue.length;
            pending--;
            int slot = bestSlotFor(fleet.cell(agent));
            if (slot < 0) {
                continue;
            }
            int bid = bidOf(fleet.cell(agent), slot);
            int loser = slotHolder[slot];
            slotHolder[slot] = agent;
            slotBid[slot] = bid;
            agentSlot[agent] = slot;
            if (loser >= 0) {
                agentSlot[loser] = -1;
                reassignments++;
                queue[(head + pending) % queue.length] = loser;
                pending++;
            }
        }
    }

    /** The slot with the lowest true cost that is open or held by an agent this one can outbid, or -1. */
    private int bestSlotFor(int cell) {
        int listed = 0;
        for (int slot = 0; slot < slotTask.length; slot++) {
            int holder = slotHolder[slot];
            if (holder >= 0 && slotProgress[slot] > 0) {
                continue;
            }
            int cost = map.manhattan(cell, problem.errand(slotTask[slot], slotProgress[slot])) + slotLength[slot];
            if (holder >= 0 && cost + OUTBID_MARGIN >= slotBid[slot]) {
                continue;
            }
            if (listed < SHORTLIST) {
                insert(listed++, slot, cost);
            } else if (cost < shortlistCost[SHORTLIST - 1]) {
                insert(SHORTLIST - 1, slot, cost);
            }
        }
        int best = -1;
        int bestCost = Integer.MAX_VALUE;
        for (int k = 0; k < listed; k++) {
            int slot = shortlist[k];
            int cost = bidOf(cell, slot);
            int holder = slotHolder[slot];
            if (cost < bestCost && (holder < 0 || cost + OUTBID_MARGIN < slotBid[slot])) {
                best = slot;
                bestCost = cost;
            }
        }
        return best;
    }

    private void insert(int position, int slot, int cost) {
        int k = position;
        while (k > 0 && shortlistCost[k - 1] > cost) {
            shortlist[k] = shortlist[k - 1];
            shortlistCost[k] = shortlistCost[k - 1];
            k--;
        }
        shortlist[k] = slot;
        shortlistCost[k] = cost;
    }

    private int bidOf(int cell, int slot) {
        int errand = problem.errand(slotTask[slot], slotProgress[slot]);
        int distance = oracle.isCached(errand) ? oracle.distance(errand, cell) : map.manhattan(errand, cell);
        return distance == DistanceOracle.UNREACHABLE ? Integer.MAX_VALUE / 2 : distance + slotLength[slot];
    }
}
