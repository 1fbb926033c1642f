package io.aisle.serving.store;

import io.aisle.fusion.cart.ReceiptLine;
import java.io.Serializable;
import java.util.List;

/**
 * A shopper's cart as last announced by the store's engine.
 *
 * @param updatedAtMillis event time of the change, epoch milliseconds
 * @param lines the whole cart, SKU lines with quantity and confidence
 */
public record CartView(String shopper, long updatedAtMillis, List<ReceiptLine> lines) implements Serializable {

    public CartView {
        lines = List.copyOf(lines);
    }
}
