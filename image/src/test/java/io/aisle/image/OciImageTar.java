package io.aisle.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image layout tar as Jib writes it ({@code index.json}, {@code oci-layout}, {@code blobs/sha256/...}),
 * unpacked to a folder: its one manifest, its config and what its layers hold. Not thread-safe.
 */
final class OciImageTar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final JsonNode index;
    private final JsonNode manifest;
    private final JsonNode config;

    private OciImageTar(Path folder) throws IOException {
        this.folder = folder;
        this.index = JSON.readTree(folder.resolve("index.json").toFile());
        this.manifest = blobJson(index.at("/manifests/0/digest").asText());
        this.config = blobJson(manifest.at("/config/digest").asText());
    }

    /** Unpacks {@code tar} into {@code folder} (which must be empty) and reads its index. */
    static OciImageTar unpack(Path tar, Path folder) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.startsWith(folder)) {
                    throw new IOException("entry outside the image folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new OciImageTar(folder);
    }

    JsonNode index() {
        return index;
    }

    JsonNode manifest() {
        return manifest;
    }

    /** The image config; its {@code config} member holds entrypoint, command, user, environment and ports. */
    JsonNode config() {
        return config;
    }

    /** Every regular file of every layer, path without a leading slash, with its mode; a later layer wins. */
    Map<String, Integer> files() throws IOException {
        Map<String, Integer> files = new HashMap<>();
        for (JsonNode layer : manifest.get("layers")) {
            try (TarArchiveInputStream in = layer(layer)) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.isFile() || entry.isSymbolicLink()) {
                        files.put(relative(entry.getName()), entry.getMode());
                    }
                }
            }
        }
        return files;
    }

    /** The text of one file of the layers, from the last layer that holds it. */
    String text(String path) throws IOException {
        String found = null;
        for (JsonNode layer : manifest.get("layers")) {
            try (TarArchiveInputStream in = layer(layer)) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.isFile() && relative(entry.getName()).equals(path)) {
                        found = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        if (found == null) {
            throw new IOException("no layer holds " + path);
        }
        return found;
    }

    /** The layers' media types, base layer first. */
    List<String> layerMediaTypes() {
        List<String> types = new ArrayList<>();
        manifest.get("layers").forEach(layer -> types.add(layer.get("mediaType").asText()));
        return types;
    }

    private TarArchiveInputStream layer(JsonNode layer) throws IOException {
        InputStream blob = new BufferedInputStream(Files.newInputStream(blob(layer.get("digest").asText())));
        boolean gzip = layer.get("mediaType").asText().endsWith("+gzip");
        return new TarArchiveInputStream(gzip ? new GZIPInputStream(blob, 1 << 16) : blob);
    }

    private JsonNode blobJson(String digest) throws IOException {
        return JSON.readTree(blob(digest).toFile());
    }

    private Path blob(String digest) {
        String[] algorithmAndHex = digest.split(":", 2);
        return folder.resolve("blobs").resolve(algorithmAndHex[0]).resolve(algorithmAndHex[1]);
    }

    private static String relative(String entryName) {
        String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
