package io.aisle.serving.store;

import io.aisle.fusion.engine.FusionOutput;
import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * What readers see of one store: open carts, the latest receipts (numbered from 1, at most
 * {@code maxReceipts} kept) and a live stream of both, each change also sent to the
 * {@link StoreEventPublisher} for servers that do not own the store. Only the store's owner calls
 * {@link #publish} and {@link #resetTo}; readers may call the rest from any thread.
 *
 * <p>The stream is best effort: a subscriber that cannot keep up misses events, and after a
 * worker restart the events since its last checkpoint are sent again with the same receipt
 * numbers. {@code receipts?since=} is the lossless path.
 */
public final class StoreFeed {

    /** The part of a feed a checkpoint keeps. */
    public record State(long nextSeq, List<ReceiptView> receipts, Map<String, CartView> carts) {

        /** nextSeq, receipts (list of ReceiptView, oldest first), carts (count, then shopper and CartView). */
        static final SnapshotCodec<State> CODEC = SnapshotCodec.of(
                (s, out) -> out.writeLong(s.nextSeq).writeList(s.receipts, ReceiptView.CODEC).writeMap(s.carts, CartView.CODEC),
                in -> new State(in.readLong(), in.readList(ReceiptView.CODEC), in.readMap(CartView.CODEC)));

        public State {
            receipts = List.copyOf(receipts);
            carts = Collections.unmodifiableMap(new LinkedHashMap<>(carts));
        }
    }

    private final int maxReceipts;
    private final StoreKey key;
    private final StoreEventPublisher publisher;
    private final ArrayDeque<ReceiptView> receipts = new ArrayDeque<>();
    private final Map<String, CartView> carts = new LinkedHashMap<>();
    private final Sinks.Many<StoreEvent> events = Sinks.many().multicast().directBestEffort();
    private long nextSeq = 1;
    /** Replaced whole by the owner after each batch; readers see one consistent view. */
    private volatile FloorView floor = FloorView.EMPTY;

    /** A feed seen by this process only. */
    public StoreFeed(int maxReceipts) {
        this(maxReceipts, null, StoreEventPublisher.NONE);
    }

    public StoreFeed(int maxReceipts, StoreKey key, StoreEventPublisher publisher) {
        if (maxReceipts < 1) {
            throw new IllegalArgumentException("maxReceipts must be >= 1 but was " + maxReceipts);
        }
        if (publisher != StoreEventPublisher.NONE && key == null) {
            throw new IllegalArgumentException("a feed that publishes needs its store's key");
        }
        this.maxReceipts = maxReceipts;
        this.key = key;
        this.publisher = publisher;
    }

    /** Applies the engine's outputs in order and announces each. Owner thread only. */
    public void publish(List<FusionOutput> outputs) {
        List<StoreEvent> announced = apply(outputs);
        if (!announced.isEmpty()) {
            // Outside the lock: readers of this process need not wait for the publisher.
            publisher.publish(key, announced);
        }
    }

    private synchronized List<StoreEvent> apply(List<FusionOutput> outputs) {
        List<StoreEvent> announced = new ArrayList<>(outputs.size());
        for (FusionOutput output : outputs) {
            StoreEvent event;
            if (output instanceof FusionOutput.CartUpdated update) {
                CartView cart = new CartView(update.shopperId(), update.eventTimeMillis(), update.lines());
                carts.put(cart.shopper(), cart);
                event = new StoreEvent.CartChanged(cart);
            } else {
                ReceiptView receipt = ReceiptView.of(nextSeq++, ((FusionOutput.ReceiptIssued) output).receipt());
                carts.remove(receipt.shopper());
                receipts.addLast(receipt);
                if (receipts.size() > maxReceipts) {
                    receipts.removeFirst();
                }
                event = new StoreEvent.ReceiptIssued(receipt);
            }
            // Emission is serialised by this lock; with no subscriber the event is simply not sent.
            events.tryEmitNext(event);
            announced.add(event);
        }
        return announced;
    }

    /** Receipts numbered above {@code afterSeq}, oldest first, at most {@code limit}. */
    public synchronized List<ReceiptView> receiptsAfter(long afterSeq, int limit) {
        List<ReceiptView> out = new ArrayList<>();
        for (ReceiptView receipt : receipts) {
            if (receipt.seq() > afterSeq) {
                out.add(receipt);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The number the next receipt will get. */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    public synchronized Optional<CartView> findCart(String shopper) {
        return Optional.ofNullable(carts.get(shopper));
    }

    /** Shows what the owner sees on the floor now. Owner thread only. */
    public void showFloor(FloorView view) {
        floor = view;
    }

    /** The owner's latest view of the floor; {@link FloorView#EMPTY} in a process that does not own the store. */
    public FloorView floor() {
        return floor;
    }

    public Flux<StoreEvent> events() {
        return events.asFlux();
    }

    public synchronized State state() {
        return new State(nextSeq, new ArrayList<>(receipts), carts);
    }

    /** Goes back to a checkpointed state; the owner replays what followed it. Owner thread only. */
    public synchronized void resetTo(State state) {
        receipts.clear();
        receipts.addAll(state.receipts());
        carts.clear();
        carts.putAll(state.carts());
        nextSeq = state.nextSeq();
    }
}
