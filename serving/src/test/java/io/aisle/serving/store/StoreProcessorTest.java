package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.layout.StoreLayoutFiles;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.vision.frame.FrameLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreProcessorTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final StoreKey KEY = new StoreKey(new TenantId("acme"), "s1");
    private static final RegisteredStore STORE = new RegisteredStore(KEY,
            StoreLayoutFiles.parse(StoreScript.layoutJson("s1")), StoreScript.layoutJson("s1"), Optional.empty());
    private final StoreInputParser parser = new StoreInputParser(FrameLimits.DEFAULT, Duration.ofDays(1));

    private void apply(StoreProcessor processor, List<StoreScript.Batch> batches) {
        for (StoreScript.Batch batch : batches) {
            if (batch.observationsJson() != null) {
                processor.apply(STORE, parse(InputKind.SHOPPER_OBSERVATIONS, batch.observationsJson()));
            }
            processor.apply(STORE, parse(InputKind.SHELF_READINGS, batch.readingsJson()));
        }
    }

    private StoreInput parse(InputKind kind, String json) {
        return parser.parse(kind, json.getBytes(StandardCharsets.UTF_8), STORE, Optional.empty());
    }

    @Test
    void processorRestoredFromACheckpointBytesIssuesTheReceiptsOfOneThatNeverStopped() {
        List<StoreScript.Batch> batches = new StoreScript(T0, 5).picks("a", 0, 1, 4_000, 9_000)
                .picks("b", 500, 2, 5_000, 10_000).render(12_000, 100);
        StoreProcessor uninterrupted = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(uninterrupted, batches);
        StoreProcessor before = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(before, batches.subList(0, 98));
        byte[] checkpoint = before.checkpoint(98).toBytes();

        StoreProcessor after = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        after.restore(STORE, StoreCheckpoint.fromBytes(checkpoint));
        apply(after, batches.subList(98, batches.size()));

        assertEquals(2, uninterrupted.feed().receiptsAfter(0, 10).size());
        assertEquals(uninterrupted.feed().receiptsAfter(0, 10), after.feed().receiptsAfter(0, 10));
    }

    private StoreInput review(InputKind kind, long receipt, String body) {
        byte[] record = parser.reviewRecord(kind, receipt, body.getBytes(StandardCharsets.UTF_8), STORE,
                java.time.Instant.ofEpochMilli(T0 + 20_000));
        return parser.parse(kind, record, STORE, Optional.empty());
    }

    @Test
    void flagsTheAmbiguousPickForReview() {
        StoreProcessor processor = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(processor, StoreScript.ambiguousPick(T0));

        List<ReceiptView> open = processor.feed().openReviews();
        assertEquals(1, open.size(), processor.feed().receiptsAfter(0, 10).toString());
        assertEquals(1, open.get(0).evidence().size());
        assertEquals("P2", open.get(0).evidence().get(0).plateId());
    }

    @Test
    void aResolutionTakenBeforeACheckpointStaysTakenAfterTheRestore() {
        StoreProcessor before = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(before, StoreScript.ambiguousPick(T0));
        long review = before.feed().openReviews().get(0).seq();
        before.apply(STORE, review(InputKind.REVIEW_RESOLUTION, review, "{\"decision\":\"confirm\"}"));
        byte[] checkpoint = before.checkpoint(500).toBytes();

        StoreProcessor after = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        after.restore(STORE, StoreCheckpoint.fromBytes(checkpoint));

        assertEquals(List.of(), after.feed().openReviews());
        long adjusted = after.feed().findAdjustment(review).orElseThrow();
        assertEquals(Long.valueOf(review), after.feed().findReceipt(adjusted).orElseThrow().adjusts());
        assertEquals(before.feed().receiptsAfter(0, 10), after.feed().receiptsAfter(0, 10));
    }

    @Test
    void aWorkerReplayingFromAnEarlierCheckpointAppliesTheResolutionAtTheSamePlace() {
        List<StoreScript.Batch> batches = StoreScript.ambiguousPick(T0);
        StoreProcessor uninterrupted = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(uninterrupted, batches);
        long review = uninterrupted.feed().openReviews().get(0).seq();
        StoreInput dispute = review(InputKind.RECEIPT_DISPUTE, review, "{\"lines\":[],\"note\":\"b took it\"}");
        uninterrupted.apply(STORE, dispute);
        StoreProcessor before = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(before, batches.subList(0, 60));
        byte[] checkpoint = before.checkpoint(60).toBytes();

        StoreProcessor after = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        after.restore(STORE, StoreCheckpoint.fromBytes(checkpoint));
        apply(after, batches.subList(60, batches.size()));
        after.apply(STORE, dispute);

        List<ReceiptView> receipts = uninterrupted.feed().receiptsAfter(0, 10);
        assertEquals(3, receipts.size(), receipts.toString());
        assertEquals("disputed", receipts.get(2).adjustment());
        assertEquals(List.of(), receipts.get(2).lines());
        assertEquals(receipts, after.feed().receiptsAfter(0, 10));
        assertEquals(List.of(), after.feed().openReviews());
    }

    /**
     * Version 1 checkpoints of {@link StoreScript#ambiguousPick} written by the release before the
     * review desk (its {@code StoreProcessor}, {@code new StoreFeed(100)}), after {@code cut} batches.
     */
    private static StoreCheckpoint versionOneFixture(String name) throws Exception {
        try (java.io.InputStream in = StoreProcessorTest.class.getResourceAsStream("/checkpoints/" + name)) {
            return StoreCheckpoint.fromBytes(in.readAllBytes());
        }
    }

    @Test
    void aVersionOneCheckpointOpensItsFlaggedReceiptForReview() throws Exception {
        StoreProcessor processor = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        processor.restore(STORE, versionOneFixture("ambiguous-pick-after-receipts-v1.bin"));

        List<ReceiptView> open = processor.feed().openReviews();
        assertEquals(1, open.size(), processor.feed().receiptsAfter(0, 10).toString());
        assertEquals(List.of(), open.get(0).evidence(), "the earlier release kept no evidence");
        processor.apply(STORE, review(InputKind.REVIEW_RESOLUTION, open.get(0).seq(), "{\"decision\":\"confirm\"}"));

        assertEquals(List.of(), processor.feed().openReviews());
        assertEquals(Long.valueOf(open.get(0).seq()), processor.feed().receiptsAfter(0, 10).get(2).adjusts());
    }

    @Test
    void aVersionOneCheckpointTakenMidSessionGivesTheReceiptsOfAnUninterruptedRun() throws Exception {
        List<StoreScript.Batch> batches = StoreScript.ambiguousPick(T0);
        StoreProcessor uninterrupted = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        apply(uninterrupted, batches);
        StoreCheckpoint checkpoint = versionOneFixture("ambiguous-pick-mid-session-v1.bin");

        StoreProcessor after = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(100));
        after.restore(STORE, checkpoint);
        apply(after, batches.subList((int) checkpoint.nextOffset(), batches.size()));

        List<ReceiptView> expected = uninterrupted.feed().receiptsAfter(0, 10);
        List<ReceiptView> restored = after.feed().receiptsAfter(0, 10);
        assertEquals(2, restored.size(), restored.toString());
        for (int i = 0; i < expected.size(); i++) {
            // The pick happened before the cut, when the engine kept no evidence: all else is the same.
            assertEquals(new ReceiptView(expected.get(i).seq(), expected.get(i).shopper(), expected.get(i).trackIds(),
                    expected.get(i).exitMillis(), expected.get(i).issuedAtMillis(), expected.get(i).lines(),
                    expected.get(i).needsReview(), expected.get(i).reviewReasons()), restored.get(i));
        }
        assertEquals(1, after.feed().openReviews().size());
    }

    @Test
    void refusesTheCheckpointOfAnotherStore() {
        StoreProcessor other = new StoreProcessor(new RegisteredStore(new StoreKey(new TenantId("globex"), "s1"),
                STORE.layout(), STORE.layoutJson(), Optional.empty()), FusionSettings.defaults(), new StoreFeed(10));
        StoreCheckpoint checkpoint = other.checkpoint(0);
        StoreProcessor processor = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(10));

        assertThrows(IllegalArgumentException.class, () -> processor.restore(STORE, checkpoint));
    }

    @Test
    void refusesBytesThatAreNotACheckpoint() {
        assertThrows(IllegalArgumentException.class, () -> StoreCheckpoint.fromBytes(new byte[] {1, 2, 3}));
    }

    private static RegisteredStore cameraStore() {
        StoreKey key = new StoreKey(new TenantId("acme"), "cams");
        String layout = CameraSession.layoutJson("cams");
        return new RegisteredStore(key, StoreLayoutFiles.parse(layout), layout,
                Optional.of(CameraSetup.parse(CameraSession.camerasJson().getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * 5 s into {@code new CameraSession(T0, 7)}: the shopper stands at the shelf, away from the entry
     * where tracks are born. The Java-serialized fixture checkpoint of an earlier release was taken here.
     */
    private static final int CAMERA_CUT = 25;

    @Test
    void processorRestoredFromAJavaSerializedCheckpointOfAnEarlierReleaseIssuesTheSameReceipts() throws Exception {
        RegisteredStore store = cameraStore();
        List<CameraSession.Chunk> chunks = new CameraSession(T0, 7).chunks();
        StoreProcessor uninterrupted = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        applyCamera(uninterrupted, store, chunks);
        StoreProcessor current = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        applyCamera(current, store, chunks.subList(0, CAMERA_CUT));
        byte[] legacy;
        try (java.io.InputStream in = StoreProcessorTest.class.getResourceAsStream(
                "/checkpoints/camera-session-java-serialized.bin")) {
            legacy = in.readAllBytes();
        }

        StoreProcessor after = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        after.restore(store, StoreCheckpoint.fromBytes(legacy));

        // The earlier release bound no accounts: the restored store binds afresh, all else is the same.
        assertArrayEquals(current.checkpoint(CAMERA_CUT).withAccountSnapshot(new byte[0]).toBytes(),
                after.checkpoint(CAMERA_CUT).withAccountSnapshot(new byte[0]).toBytes());
        applyCamera(after, store, chunks.subList(CAMERA_CUT, chunks.size()));
        List<ReceiptView> receipts = uninterrupted.feed().receiptsAfter(0, 10);
        assertEquals(1, receipts.size(), receipts.toString());
        assertEquals(receipts, after.feed().receiptsAfter(0, 10));
    }

    @Test
    void refusesACheckpointOfANewerFormatVersionNamingBothVersions() {
        StoreProcessor processor = new StoreProcessor(STORE, FusionSettings.defaults(), new StoreFeed(10));
        byte[] bytes = processor.checkpoint(0).toBytes();
        java.nio.ByteBuffer.wrap(bytes).putInt(4 + 4 + "store-checkpoint".length(), 9);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreCheckpoint.fromBytes(bytes));

        assertEquals("store-checkpoint snapshot is format version 9, newer than version 3 that this release reads",
                e.getMessage());
    }

    @Test
    void processorRestoredMidSessionKeepsTheCameraTracksOfTheShopperInTheStore() {
        RegisteredStore store = cameraStore();
        List<CameraSession.Chunk> chunks = new CameraSession(T0, 7).chunks();
        int cut = CAMERA_CUT;
        StoreProcessor uninterrupted = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        applyCamera(uninterrupted, store, chunks);
        StoreProcessor before = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        applyCamera(before, store, chunks.subList(0, cut));
        StoreCheckpoint checkpoint = StoreCheckpoint.fromBytes(before.checkpoint(cut).toBytes());

        StoreProcessor after = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        after.restore(store, checkpoint);
        applyCamera(after, store, chunks.subList(cut, chunks.size()));
        StoreProcessor trackerAfresh = new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100));
        trackerAfresh.restore(store, new StoreCheckpoint(checkpoint.storeKey(), checkpoint.nextOffset(),
                checkpoint.engineSnapshot(), new byte[0], checkpoint.feed()));
        applyCamera(trackerAfresh, store, chunks.subList(cut, chunks.size()));

        List<ReceiptView> receipts = uninterrupted.feed().receiptsAfter(0, 10);
        assertEquals(1, receipts.size(), receipts.toString());
        assertEquals("OATS", receipts.get(0).lines().get(0).sku());
        assertEquals(receipts, after.feed().receiptsAfter(0, 10));
        assertNotEquals(receipts, trackerAfresh.feed().receiptsAfter(0, 10),
                "without its tracks a restored tracker never sees the shopper who entered before the checkpoint");
    }

    private void applyCamera(StoreProcessor processor, RegisteredStore store, List<CameraSession.Chunk> chunks) {
        for (CameraSession.Chunk chunk : chunks) {
            if (chunk.framesJson() != null) {
                processor.apply(store, parser.parse(InputKind.CAMERA_FRAMES, chunk.framesJson().getBytes(StandardCharsets.UTF_8),
                        store, Optional.empty()));
            }
            processor.apply(store, parser.parse(InputKind.SHELF_READINGS, chunk.readingsJson().getBytes(StandardCharsets.UTF_8),
                    store, Optional.empty()));
        }
    }

    @Test
    void nothingACheckpointHoldsIsJavaSerializable() {
        for (Class<?> type : List.of(StoreCheckpoint.class, StoreFeed.State.class, CartView.class, ReceiptView.class)) {
            assertFalse(java.io.Serializable.class.isAssignableFrom(type), type.getName());
        }
    }
}
