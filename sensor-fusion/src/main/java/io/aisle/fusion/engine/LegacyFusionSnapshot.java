package io.aisle.fusion.engine;

import io.aisle.fusion.attribution.ShopperTrack;
import io.aisle.fusion.attribution.Sighting;
import io.aisle.fusion.cart.CartEntry;
import io.aisle.fusion.cart.CartLedger;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.layout.FloorZone;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.weight.WeightChange;
import io.aisle.vision.snapshot.JavaSerializedStream;
import io.aisle.vision.snapshot.JavaSerializedStream.BlockData;
import io.aisle.vision.snapshot.JavaSerializedStream.JavaObject;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotFormatException;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the Java-serialized engine snapshots of earlier releases ({@code aisle-fusion-snapshot-v1}
 * after the {@code 0xACED} stream header) and rewrites them as a current {@code fusion-engine}
 * snapshot, which the engine then reads like any other: one reader of state, and every check of
 * the current codecs applies to converted snapshots too. Field names are those of the former
 * {@code FusionEngine.State} and the classes it held; no class of the stream is loaded.
 */
final class LegacyFusionSnapshot {

    static final String LEGACY_HEADER = "aisle-fusion-snapshot-v1";

    private LegacyFusionSnapshot() {
    }

    /**
     * @throws SnapshotFormatException when the bytes are not a Java-serialized engine snapshot of an earlier release
     */
    static byte[] convert(byte[] javaSerialized) {
        List<Object> contents = JavaSerializedStream.read(javaSerialized);
        if (contents.size() != 2 || !(contents.get(0) instanceof BlockData header)
                || !LEGACY_HEADER.equals(header.utf()) || !(contents.get(1) instanceof JavaObject state)) {
            throw new SnapshotFormatException("Java-serialized bytes are not a fusion engine snapshot ("
                    + LEGACY_HEADER + ")");
        }
        try {
            return SnapshotEnvelope.write(FusionState.KIND, 1, out -> write(state, out));
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new SnapshotFormatException("Java-serialized fusion engine snapshot does not hold the state of "
                    + LEGACY_HEADER + ": " + e.getMessage(), e);
        }
    }

    /** Writes what version 1 of {@code FusionState.CODEC} wrote, section by section, from the former fields. */
    private static void write(JavaObject s, SnapshotWriter out) {
        out.writeSection("store", w -> w.writeString(s.stringField("storeId")));
        out.writeSection("counters", w -> {
            for (String counter : List.of("nextEventId", "lastReceiptCheckMillis", "duplicates", "weightEvents",
                    "unexplained", "openHypotheses", "resolvedHypotheses", "receipts")) {
                w.writeLong(s.longField(counter));
            }
        });
        out.writeSection("queue", w -> writeQueue(s.objectField("queue"), w));
        out.writeSection("plates", w -> {
            Object[] detectors = (Object[]) s.field("detectors");
            w.writeInt(detectors.length);
            for (Object detector : detectors) {
                writeDetector((JavaObject) detector, w);
            }
            w.writeLongs((long[]) s.field("lastReadingMillis")).writeDoubles((double[]) s.field("unexplainedGrams"));
            w.writeList(ints(s.listField("changingPlates")), SnapshotCodec.INT);
            w.writeList(s.listField("settled").stream().map(c -> weightChange((JavaObject) c)).toList(),
                    WeightChange.CODEC);
            Map<Object, Object> puts = s.mapField("recentPuts");
            w.writeInt(puts.size());
            puts.forEach((plate, put) -> RecentPut.CODEC.write(recentPut((JavaObject) put), w.writeInt((Integer) plate)));
        });
        out.writeSection("shoppers", w -> {
            Map<String, Long> lastSightings = new LinkedHashMap<>();
            s.mapField("lastSightingMillis").forEach((track, t) -> lastSightings.put((String) track, (Long) t));
            w.writeMap(lastSightings, SnapshotCodec.LONG);
            writeRegistry(s.objectField("shoppers"), w);
            Map<String, List<KeptCrop>> crops = new LinkedHashMap<>();
            s.mapField("crops").forEach((shopper, list) -> crops.put((String) shopper,
                    ((List<?>) list).stream().map(c -> handCrop((JavaObject) c)).toList()));
            w.writeInt(crops.size());
            crops.forEach((shopper, list) -> w.writeString(shopper).writeList(list, KeptCrop.CODEC));
        });
        out.writeSection("ledger", w -> {
            CartLedger ledger = new CartLedger();
            s.objectField("ledger").mapField("carts").forEach((shopper, entries) -> {
                for (Object entry : (List<?>) entries) {
                    ledger.add((String) shopper, cartEntry((JavaObject) entry));
                }
            });
            CartLedger.CODEC.write(ledger, w);
        });
        out.writeSection("planogram", w -> {
            JavaObject planogram = s.objectField("planogram");
            List<Object> units = planogram.listField("units");
            List<Object> assigned = planogram.listField("assigned");
            w.writeInt(units.size());
            for (int i = 0; i < units.size(); i++) {
                w.writeMap(unitCounts((Map<?, ?>) units.get(i)), SnapshotCodec.INT)
                        .writeList(new TreeSet<>(strings((List<?>) assigned.get(i))), SnapshotCodec.STRING);
            }
        });
        out.writeSection("skew", w -> {
            JavaObject skew = s.objectField("skew");
            w.writeLongs((long[]) skew.field("offsets")).writeInt(skew.intField("count")).writeInt(skew.intField("next"));
        });
        out.writeSection("outputs", w -> w.writeList(s.listField("outputs").stream()
                .map(o -> output((JavaObject) o)).toList(), FusionState.OUTPUT_V1));
    }

    private static void writeQueue(JavaObject queue, SnapshotWriter w) {
        w.writeLong(queue.longField("allowedLatenessMillis")).writeLong(queue.longField("maxSeenMillis"))
                .writeLong(queue.longField("sequence")).writeLong(queue.longField("lateCount"));
        List<JavaObject> entries = new ArrayList<>();
        for (Object entry : queue.listField("queue")) {
            entries.add((JavaObject) entry);
        }
        entries.sort(Comparator.<JavaObject>comparingLong(e -> e.longField("timestampMillis"))
                .thenComparingLong(e -> e.longField("sequence")));
        w.writeInt(entries.size());
        for (JavaObject entry : entries) {
            w.writeLong(entry.longField("timestampMillis")).writeLong(entry.longField("sequence"));
            FusionState.INPUT.write(input(entry.objectField("value")), w);
        }
    }

    private static Object input(JavaObject value) {
        return switch (value.className()) {
            case "io.aisle.fusion.reading.ShelfReading" -> new ShelfReading(value.stringField("plateId"),
                    value.longField("timestampMillis"), value.doubleField("grams"));
            case "io.aisle.fusion.attribution.Sighting" -> new Sighting(value.stringField("trackId"),
                    value.longField("timestampMillis"), value.doubleField("xMeters"), value.doubleField("yMeters"),
                    value.doubleField("leftX"), value.doubleField("leftY"), value.doubleField("leftZ"),
                    value.doubleField("rightX"), value.doubleField("rightY"), value.doubleField("rightZ"));
            case "io.aisle.fusion.reading.HandCrop" -> handCrop(value);
            default -> throw new SnapshotFormatException("Java-serialized fusion engine snapshot queues an unknown input "
                    + value.className());
        };
    }

    private static void writeDetector(JavaObject d, SnapshotWriter w) {
        w.writeInt(d.intField("plateIndex")).writeDouble(d.doubleField("minChangeGrams"))
                .writeDouble(d.doubleField("minNoiseVariance")).writeDouble(d.doubleField("maxNoiseVariance"))
                .writeDoubles((double[]) d.field("window")).writeLongs((long[]) d.field("windowTimes"))
                .writeInt(d.intField("windowCount")).writeInt(d.intField("windowNext"))
                .writeBoolean(d.booleanField("initialised")).writeDouble(d.doubleField("level"))
                .writeDouble(d.doubleField("noiseVariance")).writeInt(d.intField("outliers"))
                .writeLong(d.longField("firstOutlierMillis")).writeBoolean(d.booleanField("changing"))
                .writeLong(d.longField("changeStartMillis")).writeInt(d.intField("samplesSinceOpen"));
    }

    /** As {@code ShopperRegistry.CODEC}: the tracks once each, maps as indexes into them. */
    private static void writeRegistry(JavaObject r, SnapshotWriter w) {
        FloorZone.CODEC.write(floorZone(r.objectField("entry")), w);
        FloorZone.CODEC.write(floorZone(r.objectField("exit")), w);
        w.writeDouble(r.doubleField("entrySlackMeters")).writeDouble(r.doubleField("linkRadiusMeters"))
                .writeLong(r.longField("linkWindowMillis"));
        Map<String, Object> active = keyedByString(r.mapField("active"));
        Map<String, Object> byTrack = new TreeMap<>(keyedByString(r.mapField("byTrack")));
        List<Object> tracks = new ArrayList<>(active.values());
        for (Object track : byTrack.values()) {
            if (tracks.stream().noneMatch(t -> t == track)) {
                tracks.add(track);
            }
        }
        w.writeInt(tracks.size());
        for (Object track : tracks) {
            writeTrack((JavaObject) track, w);
        }
        for (Map<String, Object> map : List.of(active, byTrack)) {
            w.writeInt(map.size());
            map.forEach((key, track) -> {
                int i = 0;
                while (tracks.get(i) != track) {
                    i++;
                }
                w.writeString(key).writeInt(i);
            });
        }
        w.writeList(new TreeSet<>(strings(r.listField("retiredTrackIds"))), SnapshotCodec.STRING);
        Map<String, Object> alternatives = new TreeMap<>(keyedByString(r.mapField("linkAlternatives")));
        w.writeInt(alternatives.size());
        alternatives.forEach((track, shoppers) -> w.writeString(track).writeList(strings((List<?>) shoppers),
                SnapshotCodec.STRING));
        w.writeList(new TreeSet<>(strings(r.listField("linkedAtExit"))), SnapshotCodec.STRING);
    }

    /** As {@code ShopperTrack.CODEC}. */
    private static void writeTrack(JavaObject t, SnapshotWriter w) {
        w.writeString(t.stringField("shopperId")).writeBoolean(t.booleanField("enteredThroughEntry"))
                .writeList(strings(t.listField("trackIds")), SnapshotCodec.STRING).writeLong(t.longField("exitMillis"));
        ShopperTrack.writeRing((long[]) t.field("times"), (double[]) t.field("floor"), (double[]) t.field("wrists"),
                t.intField("count"), t.intField("next"), w);
    }

    private static FusionOutput output(JavaObject o) {
        return switch (o.className()) {
            case "io.aisle.fusion.engine.FusionOutput$CartUpdated" -> new FusionOutput.CartUpdated(
                    o.stringField("shopperId"), o.longField("eventTimeMillis"), lines(o.listField("lines")));
            case "io.aisle.fusion.engine.FusionOutput$ReceiptIssued" -> {
                JavaObject r = o.objectField("receipt");
                yield new FusionOutput.ReceiptIssued(new Receipt(r.stringField("shopperId"),
                        strings(r.listField("trackIds")), r.longField("exitMillis"), r.longField("issuedAtMillis"),
                        lines(r.listField("lines")), r.booleanField("needsReview"), strings(r.listField("reviewReasons"))));
            }
            default -> throw new SnapshotFormatException("Java-serialized fusion engine snapshot holds an unknown output "
                    + o.className());
        };
    }

    private static List<ReceiptLine> lines(List<Object> lines) {
        return lines.stream().map(l -> (JavaObject) l).map(l -> new ReceiptLine(l.stringField("sku"),
                l.intField("quantity"), l.doubleField("confidence"))).toList();
    }

    private static CartEntry cartEntry(JavaObject e) {
        Map<String, Double> odds = new TreeMap<>();
        e.mapField("shopperOdds").forEach((shopper, p) -> odds.put((String) shopper, (Double) p));
        return new CartEntry(e.longField("eventId"), e.intField("plateIndex"), e.stringField("sku"), e.intField("units"),
                e.doubleField("confidence"), e.longField("eventTimeMillis"), odds, e.booleanField("open"),
                e.doubleField("measuredGramsPerUnit"));
    }

    private static RecentPut recentPut(JavaObject p) {
        JavaObject units = p.objectField("units");
        return new RecentPut(p.longField("endMillis"), p.doubleField("grams"), p.doubleField("stdDevGrams"),
                ItemEstimate.of(unitCounts(units.mapField("units")), units.doubleField("posterior"),
                        units.doubleField("zScore")));
    }

    private static WeightChange weightChange(JavaObject c) {
        return new WeightChange(c.intField("plateIndex"), c.longField("startMillis"), c.longField("endMillis"),
                c.doubleField("deltaGrams"), c.doubleField("deltaStdDevGrams"));
    }

    private static KeptCrop handCrop(JavaObject c) {
        return new KeptCrop(c.stringField("trackId"), c.longField("timestampMillis"), (byte[]) c.field("imageBytes"));
    }

    private static FloorZone floorZone(JavaObject z) {
        return new FloorZone(z.doubleField("minXMeters"), z.doubleField("minYMeters"), z.doubleField("maxXMeters"),
                z.doubleField("maxYMeters"));
    }

    private static Map<String, Integer> unitCounts(Map<?, ?> units) {
        Map<String, Integer> counts = new TreeMap<>();
        units.forEach((sku, n) -> counts.put((String) sku, (Integer) n));
        return counts;
    }

    private static Map<String, Object> keyedByString(Map<Object, Object> map) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((key, value) -> keyed.put((String) key, value));
        return keyed;
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(v -> (String) v).toList();
    }

    private static List<Integer> ints(List<?> values) {
        return values.stream().map(v -> (Integer) v).toList();
    }
}
