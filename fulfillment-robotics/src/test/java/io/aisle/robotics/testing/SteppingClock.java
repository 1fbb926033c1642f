package io.aisle.robotics.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves on by a fixed step every time it is read, so code that measures elapsed time or runs until
 * a deadline sees time pass, the same way in every run. Not thread-safe.
 */
public final class SteppingClock extends Clock {

    private final long stepNanos;
    private long nanos;

    public SteppingClock(long startEpochMillis, long stepNanos) {
        this.nanos = startEpochMillis * 1_000_000;
        this.stepNanos = stepNanos;
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
        long now = nanos;
        nanos += stepNanos;
        return Instant.ofEpochSecond(0, now);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }
}
