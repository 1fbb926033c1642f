package io.aisle.simulations.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TogetherKillRunTest {

    @Test
    void killsTheOwnerWhileItIsAlive() {
        assertEquals(Optional.of(2), TogetherKillRun.victim(Optional.of(2), new TreeSet<>(List.of(0, 1, 2))));
    }

    @Test
    void killsAnotherAliveReplicaWhenTheOwnerIsAlreadyDead() {
        // The warehouse's owner 1 was killed first and the logs still name it the store's owner.
        assertEquals(Optional.of(0), TogetherKillRun.victim(Optional.of(1), new TreeSet<>(List.of(0, 2))));
    }

    @Test
    void killsTheLowestAliveReplicaWhenNoOwnerIsKnown() {
        assertEquals(Optional.of(1), TogetherKillRun.victim(Optional.empty(), new TreeSet<>(List.of(1, 2))));
    }

    @Test
    void neverKillsTheLastAliveReplica() {
        assertEquals(Optional.empty(), TogetherKillRun.victim(Optional.of(2), new TreeSet<>(List.of(2))));
    }
}
