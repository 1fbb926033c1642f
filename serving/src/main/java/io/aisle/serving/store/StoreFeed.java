package io.aisle.serving.store;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.engine.FusionOutput;
import io.aisle.fusion.review.ReviewDecision;
import io.aisle.fusion.review.ReviewDesk;
import io.aisle.fusion.review.ReviewRequest;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
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

    /**
     * The part of a feed a checkpoint keeps.
     *
     * @param desk the review desk as bytes ({@link ReviewDesk#codec}), so the state stays a value
     */
    public record State(long nextSeq, List<ReceiptView> receipts, Map<String, CartView> carts, byte[] desk) {

        /**
         * nextSeq, receipts (list of ReceiptView, oldest first), carts (count, then shopper and
         * CartView), desk (ReviewDesk); receipts with their accounts (version 3).
         */
        static final SnapshotCodec<State> CODEC = SnapshotCodec.of(
                (s, out) -> out.writeLong(s.nextSeq).writeList(s.receipts, ReceiptView.CODEC).writeMap(s.carts, CartView.CODEC)
                        .writeBytes(s.desk),
                in -> new State(in.readLong(), in.readList(ReceiptView.CODEC), in.readMap(CartView.CODEC),
                        checkedDesk(in.readBytes())));

        /** The layout of {@code store-checkpoint} version 2, before receipts carried accounts. */
        static final SnapshotCodec<State> CODEC_V2 = SnapshotCodec.of(
                (s, out) -> {
                    throw new UnsupportedOperationException("store-checkpoint version 2 is read only");
                },
                in -> new State(in.readLong(), in.readList(ReceiptView.CODEC_V2), in.readMap(CartView.CODEC),
                        deskBytes(readDesk(in.readBytes(), 1, ReviewDesk.codecV2(1)))));

        /** The layout of {@code store-checkpoint} version 1, before the review desk: nextSeq, receipts, carts. */
        static final SnapshotCodec<State> CODEC_V1 = SnapshotCodec.of(
                (s, out) -> out.writeLong(s.nextSeq).writeList(s.receipts, ReceiptView.CODEC_V1).writeMap(s.carts, CartView.CODEC),
                in -> new State(in.readLong(), in.readList(ReceiptView.CODEC_V1), in.readMap(CartView.CODEC)));

        public State {
            receipts = List.copyOf(receipts);
            carts = Collections.unmodifiableMap(new LinkedHashMap<>(carts));
            desk = desk.clone();
        }

        /**
         * A state of an earlier release, which kept no desk: the desk is rebuilt from the kept
         * receipts, so the flagged ones among them open for review.
         */
        public State(long nextSeq, List<ReceiptView> receipts, Map<String, CartView> carts) {
            this(nextSeq, receipts, carts, deskOf(receipts));
        }

        @Override
        public byte[] desk() {
            return desk.clone();
        }

        /** Desk bytes that read as a desk, so a damaged checkpoint is refused before anything is restored. */
        private static byte[] checkedDesk(byte[] bytes) {
            readDesk(bytes, 1);
            return bytes;
        }

        private static byte[] deskOf(List<ReceiptView> receipts) {
            ReviewDesk desk = new ReviewDesk(Math.max(1, receipts.size()));
            receipts.forEach(receipt -> desk.issued(receipt.seq(), receipt.toReceipt()));
            return deskBytes(desk);
        }
    }

    private final int maxReceipts;
    private final StoreKey key;
    private final StoreEventPublisher publisher;
    private final ArrayDeque<ReceiptView> receipts = new ArrayDeque<>();
    private final Map<String, CartView> carts = new LinkedHashMap<>();
    private final Sinks.Many<StoreEvent> events = Sinks.many().multicast().directBestEffort();
    private ReviewDesk desk;
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
        this.desk = new ReviewDesk(maxReceipts);
    }

    /** Applies the engine's outputs in order and announces each. Owner thread only. */
    public void publish(List<FusionOutput> outputs) {
        announce(apply(outputs));
    }

    /**
     * Hands a review resolution or dispute to the desk; an adjusted receipt it issues is numbered
     * next and announced like any receipt. Owner thread only.
     */
    public ReviewDecision decide(ReviewRequest request) {
        ReviewDecision decision;
        List<StoreEvent> announced = new ArrayList<>(1);
        synchronized (this) {
            decision = desk.decide(request, nextSeq);
            if (decision instanceof ReviewDecision.Adjusted adjusted) {
                nextSeq++;
                announced.add(keep(ReceiptView.of(adjusted.adjustment())));
            }
        }
        announce(announced);
        return decision;
    }

    private void announce(List<StoreEvent> announced) {
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
                // Emission is serialised by this lock; with no subscriber the event is simply not sent.
                events.tryEmitNext(event);
            } else {
                Receipt issued = ((FusionOutput.ReceiptIssued) output).receipt();
                desk.issued(nextSeq, issued);
                ReceiptView receipt = ReceiptView.of(nextSeq++, issued);
                carts.remove(receipt.shopper());
                event = keep(receipt);
            }
            announced.add(event);
        }
        return announced;
    }

    /** Keeps a new receipt and emits it; the caller holds the lock. */
    private StoreEvent keep(ReceiptView receipt) {
        receipts.addLast(receipt);
        if (receipts.size() > maxReceipts) {
            receipts.removeFirst();
        }
        StoreEvent event = new StoreEvent.ReceiptIssued(receipt);
        events.tryEmitNext(event);
        return event;
    }

    /** The flagged receipts waiting for a reviewer, oldest first. */
    public synchronized List<ReceiptView> openReviews() {
        List<ReceiptView> open = new ArrayList<>();
        desk.openReviews().forEach((seq, receipt) -> open.add(ReceiptView.of(seq, receipt)));
        return open;
    }

    /** The flagged receipt {@code seq} while its review is open. */
    public synchronized Optional<ReceiptView> findOpenReview(long seq) {
        Receipt receipt = desk.openReviews().get(seq);
        return receipt == null ? Optional.empty() : Optional.of(ReceiptView.of(seq, receipt));
    }

    /** Receipt {@code seq} while it is kept. */
    public synchronized Optional<ReceiptView> findReceipt(long seq) {
        return receipts.stream().filter(r -> r.seq() == seq).findFirst();
    }

    /** The number of the receipt that adjusted receipt {@code seq}, if one did. */
    public synchronized Optional<Long> findAdjustment(long seq) {
        return desk.findAdjustment(seq);
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
        return new State(nextSeq, new ArrayList<>(receipts), carts, deskBytes(desk));
    }

    /** Goes back to a checkpointed state; the owner replays what followed it. Owner thread only. */
    public synchronized void resetTo(State state) {
        receipts.clear();
        receipts.addAll(state.receipts());
        carts.clear();
        carts.putAll(state.carts());
        nextSeq = state.nextSeq();
        desk = readDesk(state.desk(), maxReceipts);
    }

    private static ReviewDesk readDesk(byte[] bytes, int retainedReceipts) {
        return readDesk(bytes, retainedReceipts, ReviewDesk.codec(retainedReceipts));
    }

    private static ReviewDesk readDesk(byte[] bytes, int retainedReceipts, SnapshotCodec<ReviewDesk> codec) {
        SnapshotReader in = new SnapshotReader(bytes, "review desk");
        ReviewDesk read = codec.read(in);
        in.requireEnd("the review desk");
        return read;
    }

    private static byte[] deskBytes(ReviewDesk desk) {
        SnapshotWriter out = new SnapshotWriter();
        // The retention is a setting, not part of the bytes.
        ReviewDesk.codec(1).write(desk, out);
        return out.toByteArray();
    }
}
