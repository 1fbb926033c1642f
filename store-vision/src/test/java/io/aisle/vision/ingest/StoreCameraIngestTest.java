package io.aisle.vision.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.CameraFrameWriter;
import io.aisle.vision.frame.FrameLimits;
import io.aisle.vision.frame.FrameTooLargeException;
import io.aisle.vision.frame.Hand;
import io.aisle.vision.frame.HandCrop;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.scene.CameraScene;
import io.aisle.vision.scene.SceneLayout;
import io.aisle.vision.scene.SceneLayouts;
import io.aisle.vision.scene.ShopperWalk;
import io.aisle.vision.tracking.TrackerConfig;
import io.aisle.vision.tracking.TrackerTick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StoreCameraIngestTest {

    private static final SceneLayout STORE = SceneLayouts.twoCameraStore();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d};

    private static StoreCameraIngest ingest() {
        return StoreCameraIngest.withDefaults(STORE.cameras(), STORE.wristLocator(), TrackerConfig.defaults(STORE.entryZone()));
    }

    private static CameraScene walkAcross() {
        ShopperWalk walk = new ShopperWalk("ann", 0, 1.0, List.of(STORE.gate(), new FloorPoint(5, 3), new FloorPoint(11, 1.5)));
        return new CameraScene(STORE, List.of(walk), List.of(), 3);
    }

    /** Each camera posts its own frame, stamped up to 30 ms after the scene's tick. */
    private static List<byte[]> bodiesOf(CameraScene scene, Random jitter) {
        List<byte[]> bodies = new ArrayList<>();
        for (long t = 0; t <= scene.endMillis(); t += CameraScene.TICK_MILLIS) {
            for (CameraFrame f : scene.framesAt(t)) {
                CameraFrame late = new CameraFrame(f.cameraId(), f.timestampMillis() + jitter.nextInt(30), f.persons());
                bodies.add(CameraFrameWriter.write(List.of(late)));
            }
        }
        return bodies;
    }

    @Test
    void tracksOneShopperFromPerCameraRequestBodies() {
        StoreCameraIngest ingest = ingest();
        List<ShopperObservation> seen = new ArrayList<>();
        for (byte[] body : bodiesOf(walkAcross(), new Random(1))) {
            seen.addAll(ingest.accept(body).observations());
        }
        seen.addAll(ingest.flush().observations());
        Set<String> ids = new TreeSet<>(seen.stream().map(ShopperObservation::trackId).toList());
        assertEquals(Set.of("shopper-1"), ids);
        assertTrue(seen.size() > 100, "observed " + seen.size() + " ticks");
        assertEquals(0, ingest.lateFrames());
    }

    @Test
    void remembersTheNewestFrameOfEachCameraWhateverOrderTheyCameIn() {
        StoreCameraIngest ingest = ingest();
        ingest.accept(CameraFrameWriter.write(List.of(new CameraFrame("west", 1_000, List.of()),
                new CameraFrame("west", 800, List.of()))));

        assertEquals(Map.of("west", 1_000L), ingest.newestFrameMillisByCamera());
    }

    @Test
    void refusesABatchFromAnUncalibratedCameraNamingTheField() {
        byte[] body = CameraFrameWriter.write(List.of(new CameraFrame("west", 0, List.of()),
                new CameraFrame("loading-dock", 0, List.of())));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> ingest().accept(body));
        assertEquals("frames[1].cameraId", e.field());
    }

    @Test
    void refusedBatchesLeaveTheTracksAsTheyWere() {
        StoreCameraIngest clean = ingest();
        StoreCameraIngest disturbed = ingest();
        StoreCameraIngest tiny = new StoreCameraIngest(STORE.cameras(), STORE.wristLocator(),
                TrackerConfig.defaults(STORE.entryZone()), new FrameLimits(64, 4, 4, 16), 66, 200);
        List<ShopperObservation> expected = new ArrayList<>();
        List<ShopperObservation> actual = new ArrayList<>();
        for (byte[] body : bodiesOf(walkAcross(), new Random(1))) {
            expected.addAll(clean.accept(body).observations());
            assertThrows(InvalidFieldException.class,
                    () -> disturbed.accept("{\"frames\":[{\"cameraId\":\"west\"}]}".getBytes(StandardCharsets.UTF_8)));
            assertThrows(FrameTooLargeException.class, () -> tiny.accept(body));
            actual.addAll(disturbed.accept(body).observations());
        }
        assertEquals(expected, actual);
    }

    @Test
    void attributesAHandCropToTheShopperWhoseDetectionCarriedIt() {
        StoreCameraIngest ingest = ingest();
        CameraScene scene = walkAcross();
        long t = 0;
        for (; t <= 2000; t += CameraScene.TICK_MILLIS) {
            ingest.accept(CameraFrameWriter.write(scene.framesAt(t)));
        }
        List<CameraFrame> frames = new ArrayList<>();
        for (CameraFrame f : scene.framesAt(t)) {
            List<PersonDetection> persons = f.persons().stream().map(p -> new PersonDetection(p.box(), p.confidence(),
                    p.keypoints(), List.of(new HandCrop(Hand.RIGHT, PNG)))).toList();
            frames.add(new CameraFrame(f.cameraId(), f.timestampMillis(), persons));
        }
        TrackerTick tick = ingest.accept(CameraFrameWriter.write(frames));
        assertEquals(1, tick.handCrops().size());
        assertEquals("shopper-1", tick.handCrops().get(0).trackId());
        assertEquals(Hand.RIGHT, tick.handCrops().get(0).crop().hand());
    }

    @Test
    void aRestoredIngestResumesMidStreamWithTheSameObservations() {
        List<byte[]> bodies = bodiesOf(walkAcross(), new Random(5));
        StoreCameraIngest original = ingestedUntilTheCut(bodies);
        StoreCameraIngest restored = ingest();
        restored.restore(original.snapshot());

        List<ShopperObservation> fromRestored = continueBoth(bodies, original, restored);

        assertFalse(fromRestored.isEmpty());
        assertEquals(Set.of("shopper-1"), new TreeSet<>(fromRestored.stream().map(ShopperObservation::trackId).toList()));
    }

    /** Where the Java-serialized fixture of an earlier release was written, bodies drawn with {@code new Random(5)}. */
    private static int cutOf(List<byte[]> bodies) {
        return bodies.size() / 2 + 1;
    }

    private static StoreCameraIngest ingestedUntilTheCut(List<byte[]> bodies) {
        StoreCameraIngest ingest = ingest();
        for (byte[] body : bodies.subList(0, cutOf(bodies))) {
            ingest.accept(body);
        }
        return ingest;
    }

    /** Feeds both the bodies from the cut and ends the stream; asserts they observe the same and returns it. */
    private static List<ShopperObservation> continueBoth(List<byte[]> bodies, StoreCameraIngest original,
                                                         StoreCameraIngest restored) {
        List<ShopperObservation> fromOriginal = new ArrayList<>();
        List<ShopperObservation> fromRestored = new ArrayList<>();
        for (byte[] body : bodies.subList(cutOf(bodies), bodies.size())) {
            fromOriginal.addAll(original.accept(body).observations());
            fromRestored.addAll(restored.accept(body).observations());
        }
        fromOriginal.addAll(original.flush().observations());
        fromRestored.addAll(restored.flush().observations());
        assertEquals(fromOriginal, fromRestored);
        return fromRestored;
    }

    @Test
    void restoresAJavaSerializedSnapshotOfAnEarlierReleaseAndGoesOnWithTheSameObservations() throws Exception {
        List<byte[]> bodies = bodiesOf(walkAcross(), new Random(5));
        StoreCameraIngest original = ingestedUntilTheCut(bodies);
        StoreCameraIngest restored = ingest();
        try (java.io.InputStream in = StoreCameraIngestTest.class.getResourceAsStream(
                "/snapshots/camera-ingest-walk-across-java-serialized.bin")) {
            restored.restore(in.readAllBytes());
        }

        assertArrayEquals(original.snapshot(), restored.snapshot());
        assertFalse(continueBoth(bodies, original, restored).isEmpty());
    }
}
