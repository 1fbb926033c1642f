package io.aisle.fusion.layout;

import java.util.List;
import java.util.Objects;

/**
 * One weighed plate of a shelf. Readings are addressed by {@link #id()}.
 *
 * @param loadCellId the hardware id of the plate's load cell
 * @param capacityGrams the most the load cell can read; readings above are invalid
 * @param facings the planogram of this plate: which SKUs it holds and how many
 */
public record Plate(String id, String gondolaId, String shelfId, String loadCellId, PlateBox box,
                    double capacityGrams, List<Facing> facings) {

    public Plate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gondolaId, "gondolaId");
        Objects.requireNonNull(shelfId, "shelfId");
        Objects.requireNonNull(loadCellId, "loadCellId");
        Objects.requireNonNull(box, "box");
        if (!(capacityGrams > 0)) {
            throw new IllegalArgumentException("capacityGrams must be > 0 but was " + capacityGrams);
        }
        facings = List.copyOf(facings);
    }
}
