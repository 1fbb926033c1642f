package io.aisle.simulations.warehouse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Simulation time: moves only when the simulation advances it, so runs are reproducible. Not thread-safe. */
public final class SimulatedClock extends Clock {

    private long millis;

    public void advanceMillis(long delta) {
        millis += delta;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }
}
