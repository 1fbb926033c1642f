package io.aisle.serving.store;

/** What the store's event stream carries: a cart change or a receipt. */
public sealed interface StoreEvent {

    /** The SSE event name. */
    String name();

    record CartChanged(CartView cart) implements StoreEvent {
        @Override
        public String name() {
            return "cart";
        }
    }

    record ReceiptIssued(ReceiptView receipt) implements StoreEvent {
        @Override
        public String name() {
            return "receipt";
        }
    }
}
