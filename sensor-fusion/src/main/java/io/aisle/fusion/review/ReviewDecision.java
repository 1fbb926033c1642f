package io.aisle.fusion.review;

/** What the desk made of a {@link ReviewRequest}. */
public sealed interface ReviewDecision {

    /** The request was taken: an adjusted receipt was issued. */
    record Adjusted(Adjustment adjustment) implements ReviewDecision {
    }

    /** The receipt was adjusted before, by receipt {@code adjustedBy}; nothing changed. */
    record AlreadyAdjusted(long adjustedBy) implements ReviewDecision {
    }

    /** No such review is open (a resolution) or no such receipt is kept (a dispute); nothing changed. */
    record Unknown() implements ReviewDecision {
    }
}
