package io.aisle.robotics.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when advanced, for simulations and tests of the dispatcher (its telemetry timeout,
 * order timestamps and planning budget read the clock; the planner's deadline never passes while it stands
 * still), so runs are reproducible. Not thread-safe: advance it from the thread that ticks.
 */
public final class ManualClock extends Clock {

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
