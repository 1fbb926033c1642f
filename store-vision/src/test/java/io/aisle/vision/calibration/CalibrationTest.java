package io.aisle.vision.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final Intrinsics HD = new Intrinsics(800, 800, 640, 360, 1280, 720);
    private static final CameraCalibration NORTH = new CameraCalibration("north", HD,
            CameraPose.lookingAt(new StorePoint(0, 0, 3), new StorePoint(4, 3, 0)));
    private static final CameraCalibration SOUTH = new CameraCalibration("south", HD,
            CameraPose.lookingAt(new StorePoint(8, 6, 3), new StorePoint(4, 3, 0)));

    @Test
    void fileRoundTripKeepsEveryCamera() {
        List<CameraModel> cameras = List.of(NORTH, SOUTH);
        assertEquals(cameras, CalibrationFile.parse(CalibrationFile.write(cameras)));
    }

    @Test
    void fileRoundTripKeepsAHomographyCamera() {
        List<CameraModel> cameras = List.of(NORTH, FloorHomographyCamera.of(SOUTH));
        assertEquals(cameras, CalibrationFile.parse(CalibrationFile.write(cameras)));
    }

    @Test
    void homographyOfACalibratedCameraPutsPixelsOnTheSameFloorPoints() {
        FloorHomographyCamera homography = FloorHomographyCamera.of(NORTH);
        for (PixelPoint pixel : List.of(new PixelPoint(100, 500), new PixelPoint(640, 360), new PixelPoint(1200, 700))) {
            FloorPoint expected = NORTH.floorPoint(pixel).orElseThrow();
            FloorPoint actual = homography.floorPoint(pixel).orElseThrow();
            assertEquals(0, expected.distanceTo(actual), 1e-9, pixel.toString());
        }
        assertTrue(homography.findRay(new PixelPoint(640, 360)).isEmpty());
    }

    @Test
    void refusesASingularHomographyNamingTheField() {
        String json = "{\"cameras\":[{\"cameraId\":\"c\",\"floorHomography\":{\"pixelToFloorRowMajor\":"
                + "[1,2,3,2,4,6,0,0,1],\"widthPixels\":640,\"heightPixels\":480}}]}";
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("cameras[0].floorHomography.pixelToFloorRowMajor", e.field());
    }

    @Test
    void refusesACameraDescribedBothWays() {
        String json = new String(CalibrationFile.write(List.of(NORTH)), StandardCharsets.UTF_8)
                .replace("\"cameraId\" : \"north\",", "\"cameraId\" : \"north\", \"floorHomography\" : {},");
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("cameras[0].floorHomography", e.field());
    }

    @Test
    void floorPointOfAProjectedFootIsTheFoot() {
        StorePoint foot = new StorePoint(3.2, 2.1, 0);
        PixelPoint pixel = NORTH.project(foot).orElseThrow();
        FloorPoint back = NORTH.floorPoint(pixel).orElseThrow();
        assertEquals(3.2, back.xMeters(), 1e-9);
        assertEquals(2.1, back.yMeters(), 1e-9);
    }

    @Test
    void cameraLooksAtItsTargetThroughThePrincipalPoint() {
        PixelPoint centre = NORTH.project(new StorePoint(4, 3, 0)).orElseThrow();
        assertEquals(640, centre.u(), 1e-9);
        assertEquals(360, centre.v(), 1e-9);
    }

    @Test
    void pointsBehindTheCameraDoNotProject() {
        assertTrue(NORTH.project(new StorePoint(-4, -3, 3)).isEmpty());
    }

    @Test
    void pixelAboveTheHorizonHasNoFloorPoint() {
        // Straight up from the camera centre's image is sky for a camera looking down at 25 degrees.
        assertTrue(NORTH.floorPoint(new PixelPoint(640, -2000)).isEmpty());
    }

    @Test
    void twoViewsTriangulateAWrist() {
        StorePoint wrist = new StorePoint(3.7, 2.4, 1.15);
        Ray a = NORTH.rayThrough(NORTH.project(wrist).orElseThrow());
        Ray b = SOUTH.rayThrough(SOUTH.project(wrist).orElseThrow());
        StorePoint found = WristLocator.triangulate(a, b).orElseThrow();
        assertEquals(0, found.distanceTo(wrist), 1e-6);
    }

    @Test
    void raysThatMissEachOtherDoNotTriangulate() {
        Ray a = NORTH.rayThrough(NORTH.project(new StorePoint(3.7, 2.4, 1.15)).orElseThrow());
        Ray b = SOUTH.rayThrough(SOUTH.project(new StorePoint(2.0, 4.0, 1.15)).orElseThrow());
        assertTrue(WristLocator.triangulate(a, b).isEmpty());
    }

    @Test
    void oneViewPutsTheWristOnTheNearestShelfFace() {
        ShelfFace face = new ShelfFace("shelf-a", new FloorPoint(2, 3), new FloorPoint(6, 3), 2.0);
        StorePoint wrist = new StorePoint(4.5, 3.0, 1.3);
        WristLocator locator = new WristLocator(List.of(face), 1.0);
        Ray ray = NORTH.rayThrough(NORTH.project(wrist).orElseThrow());
        StorePoint found = locator.onShelfFace(ray, new FloorPoint(4.5, 2.5)).orElseThrow();
        assertEquals(0, found.distanceTo(wrist), 1e-9);
    }

    @Test
    void oneViewFarFromEveryShelfLocatesNoWrist() {
        ShelfFace face = new ShelfFace("shelf-a", new FloorPoint(2, 3), new FloorPoint(6, 3), 2.0);
        WristLocator locator = new WristLocator(List.of(face), 1.0);
        Ray ray = NORTH.rayThrough(new PixelPoint(600, 400));
        assertEquals(Optional.empty(), locator.onShelfFace(ray, new FloorPoint(4, 0.5)));
    }

    @Test
    void refusesARotationThatIsNotOrthonormalNamingTheField() {
        String json = new String(CalibrationFile.write(List.of(NORTH)), StandardCharsets.UTF_8);
        String broken = json.replaceFirst("\"rotationRowMajor\" : \\[ [-0-9.E]+", "\"rotationRowMajor\" : [ 2.0");
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse(broken.getBytes(StandardCharsets.UTF_8)));
        assertEquals("cameras[0].extrinsics.rotationRowMajor", e.field());
    }

    @Test
    void refusesAMissingFocalLengthNamingTheField() {
        String json = "{\"cameras\":[{\"cameraId\":\"c\",\"intrinsics\":{\"fy\":1,\"cx\":1,\"cy\":1,"
                + "\"widthPixels\":10,\"heightPixels\":10},\"extrinsics\":{}}]}";
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("cameras[0].intrinsics.fx", e.field());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void refusesANegativeImageWidthNamingTheField() {
        String json = new String(CalibrationFile.write(List.of(NORTH)), StandardCharsets.UTF_8)
                .replace("\"widthPixels\" : 1280", "\"widthPixels\" : -5");
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("cameras[0].intrinsics.widthPixels", e.field());
    }

    @Test
    void refusesARepeatedCameraId() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse(CalibrationFile.write(List.of(NORTH, NORTH))));
        assertEquals("cameras[1].cameraId", e.field());
    }

    @Test
    void refusesTextThatIsNotJsonWithItsPosition() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> CalibrationFile.parse("{\"cameras\": [".getBytes(StandardCharsets.UTF_8)));
        assertEquals("$", e.field());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
