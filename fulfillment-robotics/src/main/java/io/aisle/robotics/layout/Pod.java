package io.aisle.robotics.layout;

import java.util.Set;

/**
 * A shelf pod a robot lifts and carries.
 *
 * @param id       index of the pod in its layout
 * @param homeCell storage cell the pod starts in
 * @param skus     SKUs stocked on the pod; copied
 */
public record Pod(int id, int homeCell, Set<String> skus) {

    public Pod {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0 but was " + id);
        }
        skus = Set.copyOf(skus);
    }
}
