package io.aisle.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens {@code target/aisle-image.tar} (built by Jib in the image profile) and checks what a runtime would run. */
@Tag("image")
class ImageContentsTest {

    static final Path IMAGE_TAR = Path.of(System.getProperty("aisle.image.tar", "target/aisle-image.tar"));

    @TempDir
    static Path unpacked;

    private static OciImageTar image;
    private static Map<String, Integer> files;

    @BeforeAll
    static void unpack() throws IOException {
        assertTrue(Files.isRegularFile(IMAGE_TAR), IMAGE_TAR + " is built by ./mvnw -B package -Pimage");
        image = OciImageTar.unpack(IMAGE_TAR, unpacked);
        files = image.files();
    }

    @Test
    void isAnOciImageNamedAfterTheProjectVersion() {
        assertEquals("application/vnd.oci.image.index.v1+json", image.index().get("mediaType").asText());
        assertEquals(System.getProperty("aisle.image.reference"),
                image.index().at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText());
        assertEquals("application/vnd.oci.image.manifest.v1+json", image.manifest().get("mediaType").asText());
        assertEquals("linux", image.config().get("os").asText());
        assertTrue(image.layerMediaTypes().size() >= 2, "the Debian base layer and the application's");
    }

    @Test
    void entrypointIsTheLauncherServingByDefault() {
        JsonNode config = image.config().get("config");
        assertEquals(List.of("/app/aisle"), strings(config.get("Entrypoint")));
        assertEquals(List.of("serve"), strings(config.get("Cmd")));
        assertTrue(config.at("/ExposedPorts").has("8080/tcp"), "exposes 8080: " + config.get("ExposedPorts"));
        List<String> env = strings(config.get("Env"));
        assertTrue(env.contains("AISLE_BIND_ADDRESS=0.0.0.0"), "listens beyond loopback: " + env);
        assertTrue(env.contains("AISLE_HOME=/var/lib/aisle/home"), env.toString());
        assertTrue(env.contains("AISLE_STATE_DIR=/var/lib/aisle/state"), env.toString());
        int launcherMode = files.get("app/aisle");
        assertEquals(0755, launcherMode & 0777, "the launcher is executable");
    }

    @Test
    void runsAsTheUnprivilegedUserOfTheBaseImage() throws IOException {
        String user = image.config().at("/config/User").asText();
        assertEquals("10001", user);
        assertNotEquals("0", user);
        assertTrue(image.text("etc/passwd").lines().anyMatch(line -> line.startsWith("aisle:x:10001:10001:")),
                "the base image's /etc/passwd names uid 10001");
    }

    @Test
    void holdsTheServerAndTheTrainingJobsOnSeparateClassPaths() {
        for (String jar : List.of("app/serving/target/aisle-serving.jar", "app/training-jobs/target/aisle-training-jobs.jar")) {
            assertTrue(files.containsKey(jar), jar);
        }
        assertTrue(files.keySet().stream().anyMatch(path -> path.startsWith("app/serving/target/lib/spring-webflux-")),
                "Spring beside the server");
        assertTrue(files.keySet().stream().anyMatch(path -> path.startsWith("app/training-jobs/target/lib-spark/spark-core_2.13-")),
                "Spark beside the training jobs");
        assertTrue(files.keySet().stream().noneMatch(path -> path.startsWith("app/serving/target/lib/spark-")),
                "Spark never on the server's class path");
    }

    @Test
    void carriesAJavaRuntimeAndTheNativesOfXgboost() {
        assertTrue(files.keySet().stream().anyMatch(path -> path.matches("usr/lib/jvm/java-17-openjdk-[a-z0-9]+/bin/java")),
                "OpenJDK 17 from Debian");
        assertTrue(files.keySet().stream().anyMatch(path -> path.matches("usr/lib/x86_64-linux-gnu/libgomp\\.so\\.1.*")
                || path.matches("usr/lib/aarch64-linux-gnu/libgomp\\.so\\.1.*")), "libgomp1 for XGBoost");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
