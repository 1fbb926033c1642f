package io.aisle.fusion.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeQueueTest {

    private static List<String> releasable(EventTimeQueue<String> queue) {
        List<String> out = new ArrayList<>();
        while (queue.hasReleasable()) {
            out.add(queue.release());
        }
        return out;
    }

    @Test
    void releasesInEventTimeOrderOnceTheWatermarkPasses() {
        EventTimeQueue<String> queue = new EventTimeQueue<>(200);
        queue.offer(1_000, "b");
        queue.offer(900, "a");
        queue.offer(1_150, "c");

        assertEquals(List.of("a"), releasable(queue));
        queue.offer(1_250, "d");

        assertEquals(List.of("b"), releasable(queue));
    }

    @Test
    void countsAndDropsAnInputBehindTheWatermark() {
        EventTimeQueue<String> queue = new EventTimeQueue<>(200);
        queue.offer(1_000, "a");

        assertFalse(queue.offer(790, "late"));
        assertEquals(1, queue.lateCount());
    }

    @Test
    void keepsArrivalOrderAmongEqualTimes() {
        EventTimeQueue<String> queue = new EventTimeQueue<>(0);
        queue.offer(5, "first");
        queue.offer(5, "second");

        assertEquals(List.of("first", "second"), releasable(queue));
    }

    @Test
    void releasesEverythingWhenFlushed() {
        EventTimeQueue<String> queue = new EventTimeQueue<>(10_000);
        queue.offer(1, "a");
        queue.offer(2, "b");
        queue.flush();

        assertEquals(List.of("a", "b"), releasable(queue));
    }
}
