package io.aisle.serving.recommendations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one tenant's traffic for one model splits between versions: weighted arms, sticky per
 * user, and an optional shadow that is computed and logged but never returned.
 */
public record VariantPlan(List<Arm> arms, Optional<Arm> shadow) {

    public VariantPlan {
        arms = List.copyOf(arms);
        Objects.requireNonNull(shadow, "shadow");
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one arm");
        }
        if (arms.stream().mapToInt(Arm::weight).sum() <= 0) {
            throw new IllegalArgumentException("arm weights must add up to more than 0");
        }
        if (arms.stream().map(Arm::variant).distinct().count() != arms.size()) {
            throw new IllegalArgumentException("variant names must be distinct");
        }
    }

    /** One variant: a name the responses carry, a model version and a traffic weight. */
    public record Arm(String variant, String version, int weight) {

        public Arm {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(version, "version");
            if (weight < 0) {
                throw new IllegalArgumentException("weight must be >= 0 but was " + weight);
            }
        }
    }

    /** Which arm a sticky key falls in: a stable hash spread over the summed weights. */
    public Arm armFor(String stickyKey) {
        int total = arms.stream().mapToInt(Arm::weight).sum();
        int point = Math.floorMod(StickyHash.of(stickyKey), total);
        for (Arm arm : arms) {
            point -= arm.weight();
            if (point < 0) {
                return arm;
            }
        }
        throw new IllegalStateException("weights changed under the plan");
    }
}
