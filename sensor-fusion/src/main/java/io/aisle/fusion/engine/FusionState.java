package io.aisle.fusion.engine;

import io.aisle.fusion.attribution.ShopperRegistry;
import io.aisle.fusion.attribution.Sighting;
import io.aisle.fusion.cart.CartLedger;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.cart.ReviewEvidence;
import io.aisle.fusion.planogram.LivePlanogram;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.time.EventTimeQueue;
import io.aisle.fusion.time.SkewEstimator;
import io.aisle.fusion.weight.PlateChangeDetector;
import io.aisle.fusion.weight.WeightChange;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything of a {@link FusionEngine} that changes, in one object so a snapshot is one write; its
 * {@link #CODEC} is the body of an {@code fusion-engine} snapshot (layout in
 * {@code sensor-fusion/SNAPSHOT_FORMAT.md}). Owned by the engine's thread.
 */
final class FusionState {

    /** The snapshot kind in the envelope. */
    static final String KIND = "fusion-engine";
    /** Format version of the body; bump it with every layout change and document both in SNAPSHOT_FORMAT.md. */
    static final int VERSION = 2;

    private static final int SHELF_READING = 1;
    private static final int SIGHTING = 2;
    private static final int HAND_CROP = 3;
    private static final int CART_UPDATED = 1;
    private static final int RECEIPT_ISSUED = 2;

    /** A queued input: a tag (1 ShelfReading, 2 Sighting, 3 hand crop), then the input. */
    static final SnapshotCodec<Object> INPUT = SnapshotCodec.of((input, out) -> {
        if (input instanceof ShelfReading reading) {
            ShelfReading.CODEC.write(reading, out.writeInt(SHELF_READING));
        } else if (input instanceof Sighting sighting) {
            Sighting.CODEC.write(sighting, out.writeInt(SIGHTING));
        } else {
            KeptCrop.CODEC.write((KeptCrop) input, out.writeInt(HAND_CROP));
        }
    }, in -> {
        int tag = in.readInt();
        return switch (tag) {
            case SHELF_READING -> ShelfReading.CODEC.read(in);
            case SIGHTING -> Sighting.CODEC.read(in);
            case HAND_CROP -> KeptCrop.CODEC.read(in);
            default -> throw in.corrupt("unknown input tag " + tag);
        };
    });

    /**
     * An undrained output: a tag (1 CartUpdated: shopperId, eventTimeMillis, lines; 2 ReceiptIssued:
     * Receipt, with its evidence). The engine binds no accounts (the store pipeline does, as it
     * drains), so its receipts keep the layout without them.
     */
    static final SnapshotCodec<FusionOutput> OUTPUT = output(Receipt.CODEC_V2);
    /** An undrained output of version 1, whose receipts held no evidence. */
    static final SnapshotCodec<FusionOutput> OUTPUT_V1 = output(Receipt.CODEC_V1);

    private static SnapshotCodec<FusionOutput> output(SnapshotCodec<Receipt> receiptCodec) {
        return SnapshotCodec.of((output, out) -> {
            if (output instanceof FusionOutput.CartUpdated cart) {
                out.writeInt(CART_UPDATED).writeString(cart.shopperId()).writeLong(cart.eventTimeMillis())
                        .writeList(cart.lines(), ReceiptLine.CODEC);
            } else {
                receiptCodec.write(((FusionOutput.ReceiptIssued) output).receipt(), out.writeInt(RECEIPT_ISSUED));
            }
        }, in -> {
            int tag = in.readInt();
            return switch (tag) {
                case CART_UPDATED -> new FusionOutput.CartUpdated(in.readString(), in.readLong(),
                        in.readList(ReceiptLine.CODEC));
                case RECEIPT_ISSUED -> new FusionOutput.ReceiptIssued(receiptCodec.read(in));
                default -> throw in.corrupt("unknown output tag " + tag);
            };
        });
    }

    private static final SnapshotCodec<EventTimeQueue<Object>> QUEUE = EventTimeQueue.codec(INPUT);
    private static final SnapshotCodec<List<KeptCrop>> CROPS = SnapshotCodec.of(
            (crops, out) -> out.writeList(crops, KeptCrop.CODEC), in -> in.readList(KeptCrop.CODEC));

    static final SnapshotCodec<FusionState> CODEC = SnapshotCodec.of(FusionState::write, in -> read(in, VERSION));

    /** The codec of a format version this release reads, null for any other. */
    static SnapshotCodec<FusionState> codecOfVersion(int version) {
        return switch (version) {
            case 1 -> SnapshotCodec.of((state, out) -> {
                throw new UnsupportedOperationException("version 1 is read only");
            }, in -> read(in, 1));
            case VERSION -> CODEC;
            default -> null;
        };
    }

    String storeId;
    EventTimeQueue<Object> queue;
    PlateChangeDetector[] detectors;
    long[] lastReadingMillis;
    double[] unexplainedGrams;
    Map<String, Long> lastSightingMillis = new LinkedHashMap<>();
    ShopperRegistry shoppers;
    CartLedger ledger = new CartLedger();
    LivePlanogram planogram;
    SkewEstimator skew = new SkewEstimator();
    Set<Integer> changingPlates = new LinkedHashSet<>();
    List<WeightChange> settled = new ArrayList<>();
    Map<Integer, RecentPut> recentPuts = new LinkedHashMap<>();
    Map<String, List<KeptCrop>> crops = new LinkedHashMap<>();
    List<FusionOutput> outputs = new ArrayList<>();
    /** What each weight event still behind a cart entry looked like, by event id, oldest first. */
    Map<Long, ReviewEvidence> evidence = new LinkedHashMap<>();
    long nextEventId;
    long lastReceiptCheckMillis = Long.MIN_VALUE;
    long duplicates;
    long weightEvents;
    long unexplained;
    long openHypotheses;
    long resolvedHypotheses;
    long receipts;

    private void write(SnapshotWriter out) {
        out.writeSection("store", s -> s.writeString(storeId));
        out.writeSection("counters", s -> s.writeLong(nextEventId).writeLong(lastReceiptCheckMillis)
                .writeLong(duplicates).writeLong(weightEvents).writeLong(unexplained).writeLong(openHypotheses)
                .writeLong(resolvedHypotheses).writeLong(receipts));
        out.writeSection("queue", s -> QUEUE.write(queue, s));
        out.writeSection("plates", s -> {
            s.writeList(List.of(detectors), PlateChangeDetector.CODEC).writeLongs(lastReadingMillis)
                    .writeDoubles(unexplainedGrams).writeList(changingPlates, SnapshotCodec.INT)
                    .writeList(settled, WeightChange.CODEC).writeInt(recentPuts.size());
            recentPuts.forEach((plate, put) -> RecentPut.CODEC.write(put, s.writeInt(plate)));
        });
        out.writeSection("shoppers", s -> {
            s.writeMap(lastSightingMillis, SnapshotCodec.LONG);
            ShopperRegistry.CODEC.write(shoppers, s);
            s.writeMap(crops, CROPS);
        });
        out.writeSection("ledger", s -> CartLedger.CODEC.write(ledger, s));
        out.writeSection("planogram", s -> LivePlanogram.CODEC.write(planogram, s));
        out.writeSection("skew", s -> SkewEstimator.CODEC.write(skew, s));
        out.writeSection("outputs", s -> s.writeList(outputs, OUTPUT));
        out.writeSection("evidence", s -> s.writeList(List.copyOf(evidence.values()), ReviewEvidence.CODEC));
    }

    private static FusionState read(SnapshotReader in, int version) {
        FusionState state = new FusionState();
        state.storeId = in.readSection("store", SnapshotReader::readString);
        in.readSection("counters", s -> {
            state.nextEventId = s.readLong();
            state.lastReceiptCheckMillis = s.readLong();
            state.duplicates = s.readLong();
            state.weightEvents = s.readLong();
            state.unexplained = s.readLong();
            state.openHypotheses = s.readLong();
            state.resolvedHypotheses = s.readLong();
            state.receipts = s.readLong();
            return state;
        });
        state.queue = in.readSection("queue", QUEUE::read);
        in.readSection("plates", s -> {
            state.detectors = s.readList(PlateChangeDetector.CODEC).toArray(PlateChangeDetector[]::new);
            state.lastReadingMillis = s.readLongs();
            state.unexplainedGrams = s.readDoubles();
            state.changingPlates.addAll(s.readList(SnapshotCodec.INT));
            state.settled.addAll(s.readList(WeightChange.CODEC));
            int puts = s.readInt();
            for (int i = 0; i < puts; i++) {
                state.recentPuts.put(s.readInt(), RecentPut.CODEC.read(s));
            }
            return state;
        });
        in.readSection("shoppers", s -> {
            state.lastSightingMillis.putAll(s.readMap(SnapshotCodec.LONG));
            state.shoppers = ShopperRegistry.CODEC.read(s);
            state.crops.putAll(s.readMap(CROPS));
            return state;
        });
        state.ledger = in.readSection("ledger", CartLedger.CODEC::read);
        state.planogram = in.readSection("planogram", LivePlanogram.CODEC::read);
        state.skew = in.readSection("skew", SkewEstimator.CODEC::read);
        SnapshotCodec<FusionOutput> outputCodec = version == 1 ? OUTPUT_V1 : OUTPUT;
        state.outputs.addAll(in.readSection("outputs", s -> s.readList(outputCodec)));
        if (version >= 2) {
            in.readSection("evidence", s -> s.readList(ReviewEvidence.CODEC))
                    .forEach(e -> state.evidence.put(e.eventId(), e));
        }
        int plates = state.detectors.length;
        if (state.lastReadingMillis.length != plates || state.unexplainedGrams.length != plates
                || state.planogram.plateCount() != plates) {
            throw in.corrupt("per-plate state disagrees on the number of plates (" + plates + " detectors, "
                    + state.lastReadingMillis.length + " reading times, " + state.unexplainedGrams.length
                    + " unexplained weights, " + state.planogram.plateCount() + " planogram plates)");
        }
        List<Integer> plateRefs = new ArrayList<>(state.changingPlates);
        plateRefs.addAll(state.recentPuts.keySet());
        state.settled.forEach(change -> plateRefs.add(change.plateIndex()));
        for (int plate : plateRefs) {
            if (plate < 0 || plate >= plates) {
                throw in.corrupt("plate index " + plate + " is outside the " + plates + " plates");
            }
        }
        return state;
    }
}
