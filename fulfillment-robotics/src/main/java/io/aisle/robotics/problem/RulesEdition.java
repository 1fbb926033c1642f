package io.aisle.robotics.problem;

/** Which League of Robot Runners rules a problem file follows. */
public enum RulesEdition {
    /** 2023: every task is one errand, handed to agents round-robin. */
    LORR_2023,
    /** 2024 and later: tasks are errand sequences in a revealed pool; the scheduler assigns them. */
    LORR_2024
}
