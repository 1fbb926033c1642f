package io.aisle.serving.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.tenancy.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The store worker's decisions, without Kafka: a registry and checkpoints on disk. */
class StoreOwnershipTest {

    private static final StoreKey S1 = new StoreKey(new TenantId("acme"), "s1");
    private static final StoreKey S2 = new StoreKey(new TenantId("acme"), "s2");

    @TempDir
    Path dir;
    private StoreRegistry registry;
    private FileCheckpointStore checkpoints;
    private StoreOwnership ownership;

    @BeforeEach
    void registerTwoStores() {
        registry = new StoreRegistry(dir.resolve("stores"));
        registry.registerLayout(S1, StoreScript.layoutJson("s1"));
        registry.registerLayout(S2, StoreScript.layoutJson("s2"));
        checkpoints = new FileCheckpointStore(dir.resolve("checkpoints"));
        ownership = newOwnership();
    }

    private StoreOwnership newOwnership() {
        return new StoreOwnership(registry, new StoreFeeds(100), checkpoints, FusionSettings.defaults(), TenantRecognizers.NONE);
    }

    private void checkpointAt(StoreKey key, long nextOffset) {
        RegisteredStore store = registry.find(key).orElseThrow();
        checkpoints.save(key, new StoreProcessor(store, FusionSettings.defaults(), new StoreFeed(100))
                .checkpoint(nextOffset));
    }

    @Test
    void appliesCameraFramesWithTheCamerasAnotherReplicaRegisteredAfterTheStoreWasTaken() {
        StoreKey cams = new StoreKey(new TenantId("acme"), "cams");
        registry.registerLayout(cams, CameraSession.layoutJson("cams"));
        StoreOwnership.Apply first = assertInstanceOf(StoreOwnership.Apply.class, ownership.decide(cams, 0, 0));
        ownership.applied(first.store(), 0);
        new StoreRegistry(dir.resolve("stores")).registerCameras(cams,
                CameraSetup.parse(CameraSession.camerasJson().getBytes(StandardCharsets.UTF_8)));

        StoreOwnership.Apply second = assertInstanceOf(StoreOwnership.Apply.class, ownership.decide(cams, 0, 1));

        assertTrue(second.store().store().cameras().isPresent());
    }

    @Test
    void logsWhenItTakesAndLetsGoOfAStoreSoOwnersCanBeToldApart() {
        Logger logger = (Logger) LoggerFactory.getLogger(StoreOwnership.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            ownership.decide(S1, 3, 0);
            ownership.release(Set.of(3));
        } finally {
            logger.detachAppender(lines);
        }

        assertEquals(List.of("store acme:s1 runs on this replica now, partition 3 from offset 0",
                "store acme:s1 stops running on this replica"), lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void appliesEveryRecordOfAStoreWithoutACheckpointFromTheFirst() {
        StoreOwnership.Apply first = assertInstanceOf(StoreOwnership.Apply.class, ownership.decide(S1, 0, 0));
        ownership.applied(first.store(), 0);

        StoreOwnership.Apply second = assertInstanceOf(StoreOwnership.Apply.class, ownership.decide(S1, 0, 1));
        assertSame(first.store(), second.store());
        assertEquals(1, second.store().nextOffset());
    }

    @Test
    void sendsRecordsBelowTheCheckpointedOffsetAsAlreadyApplied() {
        checkpointAt(S1, 5);

        assertEquals(new StoreOwnership.AlreadyApplied(S1, 5), ownership.decide(S1, 0, 3));
        assertInstanceOf(StoreOwnership.Apply.class, ownership.decide(S1, 0, 5));
    }

    @Test
    void namesAStoreNobodyRegisteredAsUnregistered() {
        StoreKey unknown = new StoreKey(new TenantId("acme"), "nowhere");

        assertEquals(new StoreOwnership.Unregistered(unknown), ownership.decide(unknown, 0, 0));
        assertFalse(ownership.knows(unknown));
    }

    @Test
    void holdsBackTheRecordsOfAStoreWhoseCheckpointIsRefusedAndCommitsBeforeTheFirstOfThem() throws IOException {
        Path file = dir.resolve("checkpoints").resolve("acme").resolve("s2.ckpt");
        Files.createDirectories(file.getParent());
        Files.write(file, "not a checkpoint".getBytes(StandardCharsets.UTF_8));

        StoreOwnership.HeldBack held = assertInstanceOf(StoreOwnership.HeldBack.class, ownership.decide(S2, 1, 7));
        assertInstanceOf(StoreOwnership.HeldBack.class, ownership.decide(S2, 1, 9));
        assertInstanceOf(StoreOwnership.Apply.class, ownership.decide(S1, 1, 8));

        assertTrue(held.reason().contains(file.toString()), held.reason());
        assertEquals(Set.of(S2), ownership.refusedStores().keySet());
        assertEquals(7, ownership.committableOffset(1, 12));
        assertEquals(12, ownership.committableOffset(0, 12));
    }

    @Test
    void checkpointsOnlyTheStoresOfThePartitionsAskedForThatChangedSinceTheirLast() {
        StoreOwnership.OwnedStore s1 = ((StoreOwnership.Apply) ownership.decide(S1, 0, 0)).store();
        StoreOwnership.OwnedStore s2 = ((StoreOwnership.Apply) ownership.decide(S2, 1, 0)).store();
        ownership.applied(s1, 0);
        ownership.applied(s2, 0);

        assertEquals(List.of(s1), ownership.changedIn(Set.of(0)));
        ownership.checkpointed(s1);
        assertEquals(List.of(), ownership.changedIn(Set.of(0)));
        assertEquals(List.of(s2), ownership.changedIn(Set.of(0, 1)));
    }

    @Test
    void aReleasedStoreIsTakenAgainFromItsCheckpoint() {
        StoreOwnership.OwnedStore s1 = ((StoreOwnership.Apply) ownership.decide(S1, 0, 0)).store();
        ownership.applied(s1, 0);
        checkpoints.save(S1, s1.processor().checkpoint(s1.nextOffset()));

        assertEquals(List.of(s1), ownership.release(Set.of(0)));

        assertFalse(ownership.hasChanges());
        assertFalse(ownership.knows(S1));
        assertEquals(new StoreOwnership.AlreadyApplied(S1, 1), ownership.decide(S1, 0, 0));
    }
}
