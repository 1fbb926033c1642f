package io.aisle.fusion.engine;

import io.aisle.fusion.cart.CartEntry;
import java.util.Set;

/** Cart entries as they are added, and the cart updates announced for the shoppers they touched. */
final class CartUpdates {

    private final FusionState state;

    CartUpdates(FusionState state) {
        this.state = state;
    }

    void add(String shopperId, CartEntry entry, Set<String> touched) {
        state.ledger.add(shopperId, entry);
        touched.add(shopperId);
    }

    void announce(Set<String> shopperIds, long eventTimeMillis) {
        for (String shopperId : shopperIds) {
            state.outputs.add(new FusionOutput.CartUpdated(shopperId, eventTimeMillis, state.ledger.lines(shopperId)));
        }
    }
}
