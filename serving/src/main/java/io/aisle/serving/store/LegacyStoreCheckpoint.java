package io.aisle.serving.store;

import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.vision.snapshot.JavaSerializedStream;
import io.aisle.vision.snapshot.JavaSerializedStream.BlockData;
import io.aisle.vision.snapshot.JavaSerializedStream.JavaObject;
import io.aisle.vision.snapshot.SnapshotFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Java-serialized store checkpoints of earlier releases ({@code aisle-store-checkpoint-v1}).
 * The engine and camera snapshots inside stay as they were: the engine and the camera ingest read
 * their former forms themselves. No class of the stream is loaded.
 */
final class LegacyStoreCheckpoint {

    static final String HEADER = "aisle-store-checkpoint-v1";

    private LegacyStoreCheckpoint() {
    }

    /** @throws SnapshotFormatException when the bytes are not a Java-serialized checkpoint of an earlier release */
    static StoreCheckpoint read(byte[] javaSerialized) {
        List<Object> contents = JavaSerializedStream.read(javaSerialized);
        if (contents.size() != 2 || !(contents.get(0) instanceof BlockData header) || !HEADER.equals(header.utf())
                || !(contents.get(1) instanceof JavaObject checkpoint)) {
            throw new SnapshotFormatException("Java-serialized bytes are not a store checkpoint (" + HEADER + ")");
        }
        try {
            JavaObject feed = checkpoint.objectField("feed");
            List<ReceiptView> receipts = new ArrayList<>();
            for (Object receipt : feed.listField("receipts")) {
                JavaObject r = (JavaObject) receipt;
                receipts.add(new ReceiptView(r.longField("seq"), r.stringField("shopper"), strings(r.listField("trackIds")),
                        (Long) r.field("exitMillis"), r.longField("issuedAtMillis"), lines(r.listField("lines")),
                        r.booleanField("needsReview"), strings(r.listField("reviewReasons"))));
            }
            Map<String, CartView> carts = new LinkedHashMap<>();
            feed.mapField("carts").forEach((shopper, cart) -> {
                JavaObject c = (JavaObject) cart;
                carts.put((String) shopper, new CartView(c.stringField("shopper"), c.longField("updatedAtMillis"),
                        lines(c.listField("lines"))));
            });
            return new StoreCheckpoint(checkpoint.stringField("storeKey"), checkpoint.longField("nextOffset"),
                    (byte[]) checkpoint.field("engineSnapshot"), (byte[]) checkpoint.fieldOr("cameraSnapshot", null),
                    new StoreFeed.State(feed.longField("nextSeq"), receipts, carts));
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new SnapshotFormatException("Java-serialized store checkpoint does not hold the fields of " + HEADER
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<ReceiptLine> lines(List<Object> lines) {
        return lines.stream().map(l -> (JavaObject) l).map(l -> new ReceiptLine(l.stringField("sku"),
                l.intField("quantity"), l.doubleField("confidence"))).toList();
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(v -> (String) v).toList();
    }
}
