package io.aisle.vision.snapshot;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Java serialization stream of earlier releases' snapshots as plain data, without loading
 * or instantiating any class named in it: objects become {@link JavaObject}s (class name and field
 * values), the JDK collections and boxes the snapshots used become {@link List}s, {@link Map}s and
 * boxed values, arrays stay arrays. Legacy readers convert that data into today's state; because
 * no class is resolved, no code of the stream runs and the old classes need not be
 * {@code Serializable} any more.
 *
 * <p>Grammar: the Java Object Serialization Specification, chapter 6 (protocol version 2, the
 * default since JDK 1.2). Proxies, externalizable classes, exceptions and resets are refused.
 */
public final class JavaSerializedStream {

    /** An object of a class without a custom form: fields of the whole class chain by name. */
    public record JavaObject(String className, Map<String, Object> fields) {

        public Object field(String name) {
            if (!fields.containsKey(name)) {
                throw new SnapshotFormatException(className + " in the Java-serialized snapshot has no field '" + name + "'");
            }
            return fields.get(name);
        }

        /** A field that classes of some earlier releases did not have yet, or {@code absent}. */
        public Object fieldOr(String name, Object absent) {
            return fields.getOrDefault(name, absent);
        }

        public long longField(String name) {
            return (Long) field(name);
        }

        public int intField(String name) {
            return (Integer) field(name);
        }

        public double doubleField(String name) {
            return (Double) field(name);
        }

        public boolean booleanField(String name) {
            return (Boolean) field(name);
        }

        public String stringField(String name) {
            return (String) field(name);
        }

        public JavaObject objectField(String name) {
            return (JavaObject) field(name);
        }

        @SuppressWarnings("unchecked")
        public List<Object> listField(String name) {
            return (List<Object>) field(name);
        }

        @SuppressWarnings("unchecked")
        public Map<Object, Object> mapField(String name) {
            return (Map<Object, Object>) field(name);
        }
    }

    /** The constant's name of an enum value ({@code "pkg.Type.CONSTANT"} in {@link #read}'s values). */
    public static String enumConstant(Object value) {
        String qualified = (String) value;
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** Primitive data written outside any object ({@code writeUTF} of a header, say). */
    public record BlockData(byte[] bytes) {

        /** The block as one {@code writeUTF} string. */
        public String utf() {
            try {
                return new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
            } catch (IOException e) {
                throw new SnapshotFormatException("Java-serialized snapshot header is not a string", e);
            }
        }
    }

    private static final int STREAM_MAGIC = 0xACED;
    private static final int STREAM_VERSION = 5;
    private static final byte TC_NULL = 0x70;
    private static final byte TC_REFERENCE = 0x71;
    private static final byte TC_CLASSDESC = 0x72;
    private static final byte TC_OBJECT = 0x73;
    private static final byte TC_STRING = 0x74;
    private static final byte TC_ARRAY = 0x75;
    private static final byte TC_CLASS = 0x76;
    private static final byte TC_BLOCKDATA = 0x77;
    private static final byte TC_ENDBLOCKDATA = 0x78;
    private static final byte TC_BLOCKDATALONG = 0x7A;
    private static final byte TC_ENUM = 0x7E;
    private static final int BASE_HANDLE = 0x7E0000;
    private static final byte SC_WRITE_METHOD = 0x01;
    private static final byte SC_SERIALIZABLE = 0x02;
    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Character");
    /** Collections whose elements (or keys and values) are the objects of their custom data, in order. */
    private static final Set<String> LISTS = Set.of("java.util.ArrayList", "java.util.LinkedList",
            "java.util.ArrayDeque", "java.util.PriorityQueue", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.Arrays$ArrayList");
    private static final Set<String> MAPS = Set.of("java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap");

    private record Field(char type, String name) {
    }

    private record ClassDesc(String name, byte flags, List<Field> fields, ClassDesc superDesc) {
    }

    private final DataInputStream in;
    private final List<Object> handles = new ArrayList<>();

    private JavaSerializedStream(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /**
     * The top-level contents of a stream: {@link BlockData} and values, in order.
     *
     * @throws SnapshotFormatException when the bytes are not a Java serialization stream of the supported subset
     */
    public static List<Object> read(byte[] bytes) {
        JavaSerializedStream stream = new JavaSerializedStream(bytes);
        try {
            if (stream.in.readUnsignedShort() != STREAM_MAGIC || stream.in.readUnsignedShort() != STREAM_VERSION) {
                throw new SnapshotFormatException("not a Java serialization stream of version 5");
            }
            List<Object> contents = new ArrayList<>();
            while (stream.in.available() > 0) {
                contents.add(stream.content(stream.in.readByte()));
            }
            return contents;
        } catch (EOFException e) {
            throw new SnapshotFormatException("Java-serialized snapshot is truncated", e);
        } catch (IOException | ClassCastException | IndexOutOfBoundsException e) {
            throw new SnapshotFormatException("Java-serialized snapshot is corrupt", e);
        }
    }

    private Object content(byte tc) throws IOException {
        return switch (tc) {
            case TC_BLOCKDATA -> new BlockData(in.readNBytes(in.readUnsignedByte()));
            case TC_BLOCKDATALONG -> new BlockData(in.readNBytes(in.readInt()));
            default -> value(tc);
        };
    }

    private Object value(byte tc) throws IOException {
        switch (tc) {
            case TC_NULL:
                return null;
            case TC_REFERENCE:
                return handles.get(in.readInt() - BASE_HANDLE);
            case TC_STRING:
                return handle(in.readUTF());
            case TC_OBJECT:
                return object();
            case TC_ARRAY:
                return array();
            case TC_ENUM: {
                ClassDesc desc = classDesc(in.readByte());
                int handle = reserve();
                String constant = (String) value(in.readByte());
                handles.set(handle, desc.name() + "." + constant);
                return handles.get(handle);
            }
            case TC_CLASS:
                return handle(classDesc(in.readByte()).name());
            default:
                throw new SnapshotFormatException("Java-serialized snapshot holds an unsupported element 0x"
                        + Integer.toHexString(tc & 0xFF));
        }
    }

    private ClassDesc classDesc(byte tc) throws IOException {
        if (tc == TC_NULL) {
            return null;
        }
        if (tc == TC_REFERENCE) {
            return (ClassDesc) handles.get(in.readInt() - BASE_HANDLE);
        }
        if (tc != TC_CLASSDESC) {
            throw new SnapshotFormatException("Java-serialized snapshot holds an unsupported class descriptor 0x"
                    + Integer.toHexString(tc & 0xFF));
        }
        String name = in.readUTF();
        in.readLong();
        int handle = reserve();
        byte flags = in.readByte();
        int count = in.readUnsignedShort();
        List<Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            char type = (char) in.readByte();
            String fieldName = in.readUTF();
            if (type == 'L' || type == '[') {
                value(in.readByte());
            }
            fields.add(new Field(type, fieldName));
        }
        skipAnnotation();
        ClassDesc desc = new ClassDesc(name, flags, fields, classDesc(in.readByte()));
        handles.set(handle, desc);
        if ((flags & SC_SERIALIZABLE) == 0) {
            throw new SnapshotFormatException("Java-serialized snapshot holds " + name + ", which is not plain serializable");
        }
        return desc;
    }

    private Object object() throws IOException {
        ClassDesc desc = classDesc(in.readByte());
        int handle = reserve();
        List<ClassDesc> chain = new ArrayList<>();
        for (ClassDesc d = desc; d != null; d = d.superDesc()) {
            chain.add(0, d);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        JavaObject object = new JavaObject(desc.name(), fields);
        // Back references into an object still being read see it with the fields read so far.
        handles.set(handle, object);
        List<Object> custom = new ArrayList<>();
        for (ClassDesc d : chain) {
            for (Field f : d.fields()) {
                fields.put(f.name(), fieldValue(f.type()));
            }
            if ((d.flags() & SC_WRITE_METHOD) != 0) {
                custom.addAll(annotation());
            }
        }
        Object value = interpret(desc.name(), fields, custom, object);
        handles.set(handle, value);
        return value;
    }

    /** The JDK types the snapshots used, as plain values; any other class as its fields. */
    private static Object interpret(String className, Map<String, Object> fields, List<Object> custom,
                                    JavaObject object) {
        List<Object> objects = custom.stream().filter(o -> !(o instanceof BlockData)).toList();
        if (BOXES.contains(className)) {
            return fields.get("value");
        }
        if (LISTS.contains(className)) {
            return new ArrayList<>(className.equals("java.util.Arrays$ArrayList")
                    ? List.of((Object[]) fields.get("a")) : objects);
        }
        if (className.equals("java.util.TreeSet")) {
            // TreeSet writes its comparator first, then the elements.
            return new ArrayList<>(objects.subList(1, objects.size()));
        }
        if (MAPS.contains(className)) {
            return pairs(objects);
        }
        if (className.equals("java.util.CollSer")) {
            // List.of/copyOf, Set.of and Map.of collections; tag 3 is a map of alternating keys and values.
            return (Integer) fields.get("tag") == 3 ? pairs(objects) : new ArrayList<>(objects);
        }
        if (className.startsWith("java.util.Collections$Unmodifiable")) {
            // Read-only views serialize the collection they wrap.
            return fields.containsKey("m") ? fields.get("m") : fields.containsKey("list") ? fields.get("list") : fields.get("c");
        }
        if (className.startsWith("java.util.Collections$Empty")) {
            return className.endsWith("Map") ? new LinkedHashMap<>() : new ArrayList<>();
        }
        if (className.startsWith("java.util.Collections$")) {
            throw new SnapshotFormatException("Java-serialized snapshot holds an unsupported " + className);
        }
        return object;
    }

    private static Map<Object, Object> pairs(List<Object> objects) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < objects.size(); i += 2) {
            map.put(objects.get(i), objects.get(i + 1));
        }
        return map;
    }

    private Object fieldValue(char type) throws IOException {
        return switch (type) {
            case 'B' -> in.readByte();
            case 'C' -> in.readChar();
            case 'D' -> in.readDouble();
            case 'F' -> in.readFloat();
            case 'I' -> in.readInt();
            case 'J' -> in.readLong();
            case 'S' -> in.readShort();
            case 'Z' -> in.readBoolean();
            case 'L', '[' -> value(in.readByte());
            default -> throw new UTFDataFormatException("field type " + type);
        };
    }

    private Object array() throws IOException {
        ClassDesc desc = classDesc(in.readByte());
        int handle = reserve();
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new EOFException("array of " + length);
        }
        Object array = switch (desc.name()) {
            case "[J" -> {
                long[] a = new long[length];
                for (int i = 0; i < length; i++) {
                    a[i] = in.readLong();
                }
                yield a;
            }
            case "[D" -> {
                double[] a = new double[length];
                for (int i = 0; i < length; i++) {
                    a[i] = in.readDouble();
                }
                yield a;
            }
            case "[I" -> {
                int[] a = new int[length];
                for (int i = 0; i < length; i++) {
                    a[i] = in.readInt();
                }
                yield a;
            }
            case "[F" -> {
                float[] a = new float[length];
                for (int i = 0; i < length; i++) {
                    a[i] = in.readFloat();
                }
                yield a;
            }
            case "[B" -> in.readNBytes(length);
            case "[Z" -> {
                boolean[] a = new boolean[length];
                for (int i = 0; i < length; i++) {
                    a[i] = in.readBoolean();
                }
                yield a;
            }
            default -> {
                if (desc.name().length() == 2) {
                    throw new SnapshotFormatException("Java-serialized snapshot holds an unsupported array " + desc.name());
                }
                Object[] a = new Object[length];
                handles.set(handle, a);
                for (int i = 0; i < length; i++) {
                    a[i] = value(in.readByte());
                }
                yield a;
            }
        };
        handles.set(handle, array);
        return array;
    }

    /** Custom data of a class with its own {@code writeObject}, up to the end-of-block marker. */
    private List<Object> annotation() throws IOException {
        List<Object> contents = new ArrayList<>();
        for (byte tc = in.readByte(); tc != TC_ENDBLOCKDATA; tc = in.readByte()) {
            contents.add(content(tc));
        }
        return contents;
    }

    private void skipAnnotation() throws IOException {
        if (!annotation().isEmpty()) {
            throw new SnapshotFormatException("Java-serialized snapshot holds class annotations");
        }
    }

    private Object handle(Object value) {
        handles.add(value);
        return value;
    }

    private int reserve() {
        handles.add(null);
        return handles.size() - 1;
    }
}
