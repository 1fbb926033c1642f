package io.aisle.vision.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.json.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraFrameReaderTest {

    /** The 8-byte PNG signature and a few more bytes: enough for the format check. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d};

    private static final CameraFrameReader READER = new CameraFrameReader(FrameLimits.DEFAULT);

    private static String person(String extra) {
        return "{\"box\":{\"left\":10,\"top\":20,\"right\":60,\"bottom\":200},\"confidence\":0.9" + extra + "}";
    }

    private static String batch(String persons) {
        return "{\"frames\":[{\"cameraId\":\"north\",\"timestampMillis\":1000,\"persons\":[" + persons + "]}]}";
    }

    private static List<CameraFrame> read(String json) {
        return READER.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBoxesKeypointsAndHandCrops() {
        String crop = Base64.getEncoder().encodeToString(PNG);
        List<CameraFrame> frames = read(batch(person(",\"keypoints\":{\"left_wrist\":[15.5,120,0.8]},"
                + "\"handCrops\":[{\"hand\":\"left\",\"imageBase64\":\"" + crop + "\"}]")));
        PersonDetection p = frames.get(0).persons().get(0);
        assertEquals("north", frames.get(0).cameraId());
        assertEquals(1000, frames.get(0).timestampMillis());
        assertEquals(new PixelPoint(35, 200), p.box().footPoint());
        assertEquals(new Keypoint(new PixelPoint(15.5, 120), 0.8), p.wrist(Hand.LEFT).orElseThrow());
        assertTrue(p.wrist(Hand.RIGHT).isEmpty());
        assertArrayEquals(PNG, p.handCrops().get(0).imageBytes());
    }

    @Test
    void readsBackWhatTheWriterWrote() {
        List<CameraFrame> frames = read(batch(person(",\"keypoints\":{\"left_wrist\":[15.5,120,0.8],\"nose\":[30,25,0.7]},"
                + "\"handCrops\":[{\"hand\":\"right\",\"imageBase64\":\"" + Base64.getEncoder().encodeToString(PNG) + "\"}]")
                + "," + person("")));
        assertEquals(frames, READER.read(CameraFrameWriter.write(frames)));
    }

    @Test
    void readsAPersonWithoutKeypointsOrCrops() {
        PersonDetection p = read(batch(person(""))).get(0).persons().get(0);
        assertTrue(p.keypoints().isEmpty());
        assertTrue(p.handCrops().isEmpty());
    }

    @Test
    void refusesAConfidenceAboveOneNamingTheField() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person("").replace("0.9", "1.5"))));
        assertEquals("frames[0].persons[0].confidence", e.field());
    }

    @Test
    void refusesAnUpsideDownBox() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person("").replace("\"bottom\":200", "\"bottom\":5"))));
        assertEquals("frames[0].persons[0].box", e.field());
    }

    @Test
    void refusesAnUnknownKeypointName() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"keypoints\":{\"left_paw\":[1,2,0.5]}"))));
        assertEquals("frames[0].persons[0].keypoints.left_paw", e.field());
    }

    @Test
    void refusesAKeypointWithTwoNumbers() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"keypoints\":{\"right_wrist\":[1,2]}"))));
        assertEquals("frames[0].persons[0].keypoints.right_wrist", e.field());
    }

    @Test
    void refusesACropThatIsNotAnImage() {
        String notImage = Base64.getEncoder().encodeToString("hello world".getBytes(StandardCharsets.UTF_8));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> read(batch(person(
                ",\"handCrops\":[{\"hand\":\"left\",\"imageBase64\":\"" + notImage + "\"}]"))));
        assertEquals("frames[0].persons[0].handCrops[0].imageBase64", e.field());
    }

    @Test
    void refusesAMissingTimestamp() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read("{\"frames\":[{\"cameraId\":\"north\",\"persons\":[]}]}"));
        assertEquals("frames[0].timestampMillis", e.field());
    }

    @Test
    void refusesABatchOverTheByteLimitBeforeParsingIt() {
        CameraFrameReader small = new CameraFrameReader(new FrameLimits(64, 8, 8, 1024));
        byte[] body = batch(person("")).getBytes(StandardCharsets.UTF_8);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> small.read(body));
        assertEquals("$", e.field());
    }

    @Test
    void refusesTooManyPersonsInAFrame() {
        CameraFrameReader small = new CameraFrameReader(new FrameLimits(1 << 20, 8, 1, 1024));
        byte[] body = batch(person("") + "," + person("")).getBytes(StandardCharsets.UTF_8);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> small.read(body));
        assertEquals("frames[0].persons", e.field());
    }

    @Test
    void refusesACropOverTheCropLimit() {
        CameraFrameReader small = new CameraFrameReader(new FrameLimits(1 << 20, 8, 8, 4));
        String crop = Base64.getEncoder().encodeToString(PNG);
        byte[] body = batch(person(",\"handCrops\":[{\"hand\":\"left\",\"imageBase64\":\"" + crop + "\"}]"))
                .getBytes(StandardCharsets.UTF_8);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> small.read(body));
        assertEquals("frames[0].persons[0].handCrops[0].imageBase64", e.field());
    }
    @Test
    void readsAnAppearanceEmbeddingAndWritesItBack() {
        List<CameraFrame> frames = read(batch(person(",\"appearance\":[0.25,-0.5,0.125,1]") + "," + person("")));
        PersonDetection withEmbedding = frames.get(0).persons().get(0);
        assertEquals(AppearanceEmbedding.of(0.25f, -0.5f, 0.125f, 1f), withEmbedding.appearance());
        assertEquals(AppearanceEmbedding.NONE, frames.get(0).persons().get(1).appearance());
        assertEquals(frames, READER.read(CameraFrameWriter.write(frames)));
    }

    @Test
    void readsAPersonWithoutAnAppearanceAsNone() {
        PersonDetection p = read(batch(person(""))).get(0).persons().get(0);
        assertFalse(p.appearance().isPresent());
        assertFalse(new String(CameraFrameWriter.write(read(batch(person("")))), StandardCharsets.UTF_8).contains("appearance"));
    }

    @Test
    void refusesANonNumberInAnAppearanceNamingItsIndex() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"appearance\":[0.1,\"NaN\",0.3]"))));
        assertEquals("frames[0].persons[0].appearance[1]", e.field());
    }

    @Test
    void refusesAnAppearanceValueBeyondFloatRange() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"appearance\":[0.1,0.2,1e39]"))));
        assertEquals("frames[0].persons[0].appearance[2]", e.field());
    }

    @Test
    void refusesAnEmptyAppearance() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"appearance\":[]"))));
        assertEquals("frames[0].persons[0].appearance", e.field());
    }

    @Test
    void refusesAnAppearanceLongerThanTheLimit() {
        String tooLong = "[" + "0.1,".repeat(AppearanceEmbedding.MAX_DIMENSIONS) + "0.1]";
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"appearance\":" + tooLong))));
        assertEquals("frames[0].persons[0].appearance", e.field());
        assertTrue(e.getMessage().contains("held 65"), e.getMessage());
    }

    @Test
    void refusesAnAppearanceOfAnotherLengthThanTheBatchsFirst() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> read(batch(
                person(",\"appearance\":[0.1,0.2,0.3]") + "," + person(",\"appearance\":[0.1,0.2]"))));
        assertEquals("frames[0].persons[1].appearance", e.field());
    }

    @Test
    void refusesAnAllZeroAppearance() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"appearance\":[0,0,0]"))));
        assertEquals("frames[0].persons[0].appearance", e.field());
    }

    @Test
    void refusesAnAppearanceThatIsNotAnArray() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> read(batch(person(",\"appearance\":0.5"))));
        assertEquals("frames[0].persons[0].appearance", e.field());
    }

    @Test
    void refusesANaNAppearanceBuiltInCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppearanceEmbedding.of(0.1f, Float.NaN));
        assertTrue(e.getMessage().contains("appearance[1]"), e.getMessage());
    }
}
