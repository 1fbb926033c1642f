package io.aisle.vision.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aisle.vision.snapshot.JavaSerializedStream.BlockData;
import io.aisle.vision.snapshot.JavaSerializedStream.JavaObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaSerializedStreamTest {

    /** A stand-in for a state class of an earlier release. */
    private record Holder(long count, double[] values, float[] embedding, Object one, Object two, Object three,
                          Object four, Object five, Object six, TimeUnit unit) implements Serializable {
    }

    private static byte[] serialize(String header, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeUTF(header);
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsTheJdkCollectionsAndBoxesAsPlainValuesWithoutLoadingTheClass() throws IOException {
        Map<String, Integer> linked = new LinkedHashMap<>();
        linked.put("z", 1);
        linked.put("a", 2);
        PriorityQueue<Long> queue = new PriorityQueue<>(List.of(3L, 1L, 2L));
        ArrayList<String> shared = new ArrayList<>(List.of("x"));
        Holder holder = new Holder(7, new double[] {1.5}, new float[] {2.5f}, linked, new TreeMap<>(Map.of("k", List.of(1, 2))),
                queue, new HashSet<>(List.of("only")), Collections.unmodifiableMap(Map.of("m", shared)), shared,
                TimeUnit.SECONDS);

        List<Object> contents = JavaSerializedStream.read(serialize("holder-v1", holder));

        assertEquals("holder-v1", ((BlockData) contents.get(0)).utf());
        JavaObject read = (JavaObject) contents.get(1);
        assertEquals(Holder.class.getName(), read.className());
        assertEquals(7L, read.longField("count"));
        assertArrayEquals(new double[] {1.5}, (double[]) read.field("values"));
        assertArrayEquals(new float[] {2.5f}, (float[]) read.field("embedding"));
        assertEquals(List.of("z", "a"), List.copyOf(read.mapField("one").keySet()), "a LinkedHashMap keeps its order");
        assertEquals(Map.of("k", List.of(1, 2)), read.mapField("two"));
        assertEquals(List.of(1L, 2L, 3L), read.listField("three").stream().sorted().toList());
        assertEquals(List.of("only"), read.listField("four"));
        assertSame(read.mapField("five").get("m"), read.field("six"), "a shared object is one object");
        assertEquals("SECONDS", JavaSerializedStream.enumConstant(read.field("unit")));
        assertEquals("absent", read.fieldOr("addedLater", "absent"));
    }

    @Test
    void refusesATruncatedStream() throws IOException {
        byte[] bytes = serialize("h", new ArrayList<>(List.of("a", "b")));

        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> JavaSerializedStream.read(Arrays.copyOf(bytes, bytes.length - 3)));

        assertEquals("Java-serialized snapshot is truncated", e.getMessage());
    }

    @Test
    void refusesBytesThatAreNotASerializationStream() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> JavaSerializedStream.read(new byte[] {1, 2, 3, 4, 5}));

        assertEquals("not a Java serialization stream of version 5", e.getMessage());
    }
}
