package io.aisle.vision.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.vision.json.JsonFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model registry on a local (or shared) folder: {@code {root}/{tenant}/{model}/{version}/} with
 * the model's files and {@code manifest.json}. Versions are {@code v1}, {@code v2}, ... and never
 * change once published. Safe for one publisher per tenant and model at a time; a second
 * concurrent publisher of the same version fails instead of overwriting.
 */
public final class ModelRegistryFolder {

    /** Tenant and model names: lowercase letters, digits, '-' and '_', so they are safe path segments. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
    public static final String MANIFEST = "manifest.json";

    private final Path root;

    public ModelRegistryFolder(Path root) {
        this.root = root;
    }

    /**
     * Copies every regular file under {@code sourceDir} into the next version of the manifest's
     * tenant and model, with the checksums in the manifest.
     *
     * @return the folder of the new version
     */
    public Path publish(Path sourceDir, ModelManifest manifest) {
        requireName("tenant", manifest.tenant());
        requireName("model", manifest.model());
        Path modelDir = root.resolve(manifest.tenant()).resolve(manifest.model());
        try {
            Files.createDirectories(modelDir);
            String version = "v" + (latestVersionNumber(modelDir) + 1);
            Path staging = Files.createTempDirectory(modelDir, ".staging-" + version + "-");
            Map<String, String> checksums = new TreeMap<>();
            for (Path file : filesUnder(sourceDir)) {
                String relative = sourceDir.relativize(file).toString().replace('\\', '/');
                if (relative.equals(MANIFEST)) {
                    continue;
                }
                Path target = staging.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
                checksums.put(relative, sha256(target));
            }
            ModelManifest published = manifest.withVersionAndFiles(version, checksums);
            Files.write(staging.resolve(MANIFEST), toJson(published));
            Path target = modelDir.resolve(version);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("another publisher took the same version of " + modelDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish to " + modelDir, e);
        }
    }

    /**
     * Recomputes the checksums of a published version.
     *
     * @return the files whose content differs from the manifest, or that are missing; empty when intact
     */
    public static List<String> corruptFiles(Path versionDir) {
        List<String> corrupt = new ArrayList<>();
        try {
            JsonNode files = JsonFields.objectField(JsonFields.parse(Files.readAllBytes(versionDir.resolve(MANIFEST))),
                    "fileSha256", "");
            for (var it = files.fields(); it.hasNext(); ) {
                var entry = it.next();
                Path file = versionDir.resolve(entry.getKey());
                if (!Files.isRegularFile(file) || !sha256(file).equals(entry.getValue().asText())) {
                    corrupt.add(entry.getKey());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + versionDir, e);
        }
        return corrupt;
    }

    private static int latestVersionNumber(Path modelDir) throws IOException {
        int latest = 0;
        try (Stream<Path> children = Files.list(modelDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                var m = VERSION.matcher(child.getFileName().toString());
                if (m.matches()) {
                    latest = Math.max(latest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return latest;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void requireName(String what, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + " but was '" + name + "'");
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] toJson(ModelManifest m) throws IOException {
        ObjectNode root = JsonFields.mapper().createObjectNode();
        root.put("type", m.type()).put("tenant", m.tenant()).put("model", m.model()).put("version", m.version())
                .put("createdAt", m.createdAt().toString()).put("trainingDataFingerprint", m.trainingDataFingerprint());
        ObjectNode rows = root.putObject("rowCounts");
        new TreeMap<>(m.rowCounts()).forEach(rows::put);
        ObjectNode parameters = root.putObject("parameters");
        new TreeMap<>(m.parameters()).forEach(parameters::put);
        ObjectNode evaluation = root.putObject("evaluation");
        new TreeMap<>(m.evaluation()).forEach(evaluation::put);
        ObjectNode files = root.putObject("fileSha256");
        new TreeMap<>(m.fileSha256()).forEach(files::put);
        return JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
