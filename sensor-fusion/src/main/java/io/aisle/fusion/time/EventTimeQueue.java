package io.aisle.fusion.time;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts inputs that arrive slightly out of order back in event-time order.
 *
 * <p>The watermark is the largest event time seen minus the allowed lateness: every input at or
 * before it is released, in (event time, arrival) order. An input that arrives behind the
 * watermark can no longer be ordered; it is counted as late and dropped. For example with a
 * lateness of 200 ms, after seeing t=1000 the watermark is 800: an input at t=850 is queued and
 * an input at t=790 is late.
 *
 * <p>Not thread-safe: one owner (the store's fusion engine) calls it.
 *
 * @param <T> the queued input
 */
public final class EventTimeQueue<T> {

    private record Entry<T>(long timestampMillis, long sequence, T value) {
    }

    /** Event time, then arrival: unique per entry, so the release order does not depend on the heap's layout. */
    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingLong(Entry::timestampMillis)
            .thenComparingLong(Entry::sequence);

    private final long allowedLatenessMillis;
    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>(ORDER);
    private long maxSeenMillis = Long.MIN_VALUE;
    private long sequence;
    private long lateCount;

    public EventTimeQueue(long allowedLatenessMillis) {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowedLatenessMillis must be >= 0 but was " + allowedLatenessMillis);
        }
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /**
     * allowedLatenessMillis, maxSeenMillis, sequence, lateCount, then the queued entries in release
     * order: a count, and per entry its timestampMillis, sequence and value (with {@code values}).
     */
    public static <T> SnapshotCodec<EventTimeQueue<T>> codec(SnapshotCodec<T> values) {
        SnapshotCodec<Entry<T>> entries = SnapshotCodec.of(
                (e, out) -> {
                    out.writeLong(e.timestampMillis).writeLong(e.sequence);
                    values.write(e.value, out);
                },
                in -> new Entry<>(in.readLong(), in.readLong(), values.read(in)));
        return SnapshotCodec.of((q, out) -> {
            List<Entry<T>> ordered = new ArrayList<>(q.queue);
            ordered.sort(ORDER);
            out.writeLong(q.allowedLatenessMillis).writeLong(q.maxSeenMillis).writeLong(q.sequence)
                    .writeLong(q.lateCount).writeList(ordered, entries);
        }, in -> {
            EventTimeQueue<T> q = new EventTimeQueue<>(in.readLong());
            q.maxSeenMillis = in.readLong();
            q.sequence = in.readLong();
            q.lateCount = in.readLong();
            q.queue.addAll(in.readList(entries));
            return q;
        });
    }

    /** Queues an input; returns false (and counts it) when it is behind the watermark. */
    public boolean offer(long timestampMillis, T value) {
        if (timestampMillis < watermarkMillis()) {
            lateCount++;
            return false;
        }
        queue.add(new Entry<>(timestampMillis, sequence++, value));
        maxSeenMillis = Math.max(maxSeenMillis, timestampMillis);
        return true;
    }

    /** Moves the watermark as if an input at this event time had been seen (a heartbeat). */
    public void advanceTo(long eventTimeMillis) {
        maxSeenMillis = Math.max(maxSeenMillis, eventTimeMillis);
    }

    /** Releases everything, as at the end of a stream. */
    public void flush() {
        if (!queue.isEmpty()) {
            long last = Long.MIN_VALUE;
            for (Entry<T> entry : queue) {
                last = Math.max(last, entry.timestampMillis);
            }
            maxSeenMillis = Math.max(maxSeenMillis, saturatedAdd(last, allowedLatenessMillis));
        }
    }

    /** The event time up to which every input is complete; {@code Long.MIN_VALUE} before the first input. */
    public long watermarkMillis() {
        return maxSeenMillis == Long.MIN_VALUE ? Long.MIN_VALUE : maxSeenMillis - allowedLatenessMillis;
    }

    public long maxSeenMillis() {
        return maxSeenMillis;
    }

    /** True when the oldest queued input is at or before the watermark. */
    public boolean hasReleasable() {
        Entry<T> head = queue.peek();
        return head != null && head.timestampMillis <= watermarkMillis();
    }

    /** Event time of the oldest queued input; call only when {@link #hasReleasable()}. */
    public long peekTimestampMillis() {
        return queue.element().timestampMillis;
    }

    /** Removes and returns the oldest queued input; call only when {@link #hasReleasable()}. */
    public T release() {
        return queue.remove().value;
    }

    public long lateCount() {
        return lateCount;
    }

    public int size() {
        return queue.size();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
