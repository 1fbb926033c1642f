package io.aisle.fusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.snapshot.SnapshotEnvelope;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Snapshots go through explicit codecs only: no class of sensor-fusion or store-vision may be
 * Java-serializable. Exceptions and enums are by inheritance: exceptions are never persisted and
 * codecs write an enum's name.
 */
class NoJavaSerializationTest {

    private static List<Class<?>> classesBeside(Class<?> anchor) throws IOException, URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        // The module's own classes come from its build output folder, a dependency's from its jar in a full build.
        if (Files.isDirectory(location)) {
            return classesUnder(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classesUnder(jar.getPath("/"));
        }
    }

    private static List<Class<?>> classesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("package-info.class"))
                    .filter(f -> !root.relativize(f).toString().startsWith("META-INF"))
                    .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .map(NoJavaSerializationTest::load).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NoJavaSerializationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }

    @Test
    void noClassOfSensorFusionOrStoreVisionIsSerializable() throws Exception {
        List<Class<?>> classes = Stream.concat(classesBeside(FusionEngine.class).stream(),
                classesBeside(SnapshotEnvelope.class).stream()).toList();

        List<String> serializable = classes.stream()
                .filter(c -> Serializable.class.isAssignableFrom(c) && !Throwable.class.isAssignableFrom(c)
                        && !Enum.class.isAssignableFrom(c))
                .map(Class::getName).toList();

        assertTrue(classes.size() > 100, "scanned " + classes.size() + " classes");
        assertEquals(List.of(), serializable);
    }
}
