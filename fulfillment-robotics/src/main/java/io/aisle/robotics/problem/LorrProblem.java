package io.aisle.robotics.problem;

import io.aisle.robotics.map.GridMap;
import java.util.Arrays;
import java.util.Optional;

/**
 * A League of Robot Runners problem: a map, the start cell of every agent and the task list, each task a
 * sequence of errand cells to visit in order. Immutable.
 */
public final class LorrProblem {

    private final String name;
    private final GridMap map;
    private final int[] starts;
    private final int[][] tasks;
    private final double numTasksReveal;
    private final RulesEdition edition;
    private final DelayConfig delays;

    /**
     * @param starts         one start cell per agent; copied
     * @param tasks          errand cells of every task; copied
     * @param numTasksReveal revealed tasks per agent (LoRR's {@code numTasksReveal}), &gt; 0
     * @param delays         the execution delay model, or null when the problem has none
     */
    public LorrProblem(String name, GridMap map, int[] starts, int[][] tasks, double numTasksReveal,
                       RulesEdition edition, DelayConfig delays) {
        if (!(numTasksReveal > 0)) {
            throw new IllegalArgumentException("numTasksReveal must be > 0 but was " + numTasksReveal);
        }
        if (tasks.length == 0) {
            throw new IllegalArgumentException("tasks must not be empty");
        }
        this.name = name;
        this.map = map;
        this.starts = starts.clone();
        this.tasks = new int[tasks.length][];
        for (int t = 0; t < tasks.length; t++) {
            if (tasks[t].length == 0) {
                throw new IllegalArgumentException("task " + t + " has no errand");
            }
            this.tasks[t] = tasks[t].clone();
        }
        this.numTasksReveal = numTasksReveal;
        this.edition = edition;
        this.delays = delays;
    }

    public String name() {
        return name;
    }

    public GridMap map() {
        return map;
    }

    public int teamSize() {
        return starts.length;
    }

    public int start(int agent) {
        return starts[agent];
    }

    /** A copy of all start cells. */
    public int[] starts() {
        return starts.clone();
    }

    public int taskCount() {
        return tasks.length;
    }

    public int errandCount(int task) {
        return tasks[task].length;
    }

    public int errand(int task, int index) {
        return tasks[task][index];
    }

    /** A copy of a task's errand cells. */
    public int[] errands(int task) {
        return Arrays.copyOf(tasks[task], tasks[task].length);
    }

    public double numTasksReveal() {
        return numTasksReveal;
    }

    public RulesEdition edition() {
        return edition;
    }

    public Optional<DelayConfig> delays() {
        return Optional.ofNullable(delays);
    }

    /** The same map and tasks with another team, one start cell per agent. */
    public LorrProblem withStarts(int[] newStarts) {
        return new LorrProblem(name, map, newStarts, tasks, numTasksReveal, edition, delays);
    }
}
