package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two registries sharing one home, as two replicas do. */
class StoreRegistryTest {

    private static final StoreKey CAMS = new StoreKey(new TenantId("acme"), "cams");

    @TempDir
    Path home;

    @Test
    void findsCamerasRegisteredThroughAnotherReplicaAfterItLoadedTheStoreWithout() {
        StoreRegistry a = new StoreRegistry(home);
        a.registerLayout(CAMS, CameraSession.layoutJson("cams"));
        StoreRegistry b = new StoreRegistry(home);
        assertTrue(b.find(CAMS).orElseThrow().cameras().isEmpty());

        a.registerCameras(CAMS, CameraSetup.parse(CameraSession.camerasJson().getBytes(StandardCharsets.UTF_8)));

        assertTrue(b.find(CAMS).orElseThrow().cameras().isPresent(), "cameras registered through the other replica");
        assertTrue(b.findLoaded(CAMS).orElseThrow().cameras().isPresent(), "and kept once read");
    }

    @Test
    void registeringTheSameCamerasThroughTheSecondReplicaChangesNothing() {
        StoreRegistry a = new StoreRegistry(home);
        a.registerLayout(CAMS, CameraSession.layoutJson("cams"));
        StoreRegistry b = new StoreRegistry(home);
        b.find(CAMS);
        CameraSetup setup = CameraSetup.parse(CameraSession.camerasJson().getBytes(StandardCharsets.UTF_8));
        a.registerCameras(CAMS, setup);

        assertEquals(StoreRegistry.Outcome.UNCHANGED, b.registerCameras(CAMS, setup));
    }
}
