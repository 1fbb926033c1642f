package io.aisle.simulations.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankOverAllWorkersTogether() {
        LatencyRecorder odd = new LatencyRecorder();
        LatencyRecorder even = new LatencyRecorder();
        // 1..1000 ms split across two workers, recorded out of order.
        for (int ms = 1000; ms >= 1; ms--) {
            (ms % 2 == 0 ? even : odd).record(ms * 1_000_000L);
        }

        LatencySummary summary = LatencyRecorder.merge(List.of(odd, even), 2_000_000_000L);

        assertEquals(1000, summary.requests());
        assertEquals(500.0, summary.requestsPerSecond(), 1e-9);
        assertEquals(500.0, summary.p50Millis(), 1e-9);
        assertEquals(990.0, summary.p99Millis(), 1e-9);
        assertEquals(999.0, summary.p999Millis(), 1e-9);
        assertEquals(1000.0, summary.maxMillis(), 1e-9);
    }

    @Test
    void errorsAreCountedApartFromLatenciesAndTheFirstIsKept() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(2_000_000L);
        recorder.recordError("503 down");
        recorder.recordError("500 broken");

        LatencySummary summary = LatencyRecorder.merge(List.of(recorder), 1_000_000_000L);

        assertEquals(1, summary.requests());
        assertEquals(2, summary.errors());
        assertEquals("503 down", summary.firstError());
    }
}
