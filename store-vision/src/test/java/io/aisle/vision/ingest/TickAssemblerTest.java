package io.aisle.vision.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.frame.CameraFrame;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TickAssemblerTest {

    private static CameraFrame frame(String camera, long millis) {
        return new CameraFrame(camera, millis, List.of());
    }

    private final TickAssembler assembler = new TickAssembler(Set.of("west", "east"), 66, 200);

    @Test
    void releasesATickOnceEveryCameraHasSentItsFrame() {
        assertTrue(assembler.add(List.of(frame("west", 1000))).isEmpty());
        List<TickAssembler.Tick> ticks = assembler.add(List.of(frame("east", 1020)));
        assertEquals(1, ticks.size());
        assertEquals(990, ticks.get(0).timestampMillis());
        assertEquals(List.of("east", "west"), ticks.get(0).frames().stream().map(CameraFrame::cameraId).toList());
    }

    @Test
    void releasesAnIncompleteTickWhenNewerFramesPassTheLateness() {
        assembler.add(List.of(frame("west", 1000)));
        assertTrue(assembler.add(List.of(frame("west", 1100))).isEmpty(), "still within 200 ms of lateness");
        List<TickAssembler.Tick> ticks = assembler.add(List.of(frame("west", 1260)));
        assertEquals(List.of(990L), ticks.stream().map(TickAssembler.Tick::timestampMillis).toList());
    }

    @Test
    void dropsAFrameWhoseTickWasAlreadyReleased() {
        assembler.add(List.of(frame("west", 1000), frame("east", 1001)));
        assertTrue(assembler.add(List.of(frame("east", 1010))).isEmpty());
        assertEquals(1, assembler.lateFrames());
    }

    @Test
    void keepsTheFirstOfTwoFramesOfOneCameraInOneTick() {
        assembler.add(List.of(frame("west", 1000), frame("west", 1030)));
        List<TickAssembler.Tick> ticks = assembler.add(List.of(frame("east", 1000)));
        assertEquals(1000, ticks.get(0).frames().get(1).timestampMillis());
        assertEquals(1, assembler.duplicateFrames());
    }

    @Test
    void releasesTicksInTimeOrderWhateverTheArrivalOrder() {
        List<TickAssembler.Tick> ticks = assembler.add(List.of(frame("west", 1100), frame("east", 1100),
                frame("west", 1000), frame("east", 1000)));
        assertEquals(List.of(990L, 1056L), ticks.stream().map(TickAssembler.Tick::timestampMillis).toList());
    }
}
