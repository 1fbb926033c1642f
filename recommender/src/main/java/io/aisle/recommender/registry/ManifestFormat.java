package io.aisle.recommender.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.recommender.format.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** {@code manifest.json}: reads it strictly (naming the bad field) and writes it with sorted keys. */
final class ManifestFormat {

    private ManifestFormat() {
    }

    static void write(Manifest manifest, Path file) {
        ObjectNode root = StrictJson.MAPPER.createObjectNode();
        root.put("formatVersion", manifest.formatVersion());
        root.put("tenant", manifest.tenant());
        root.put("model", manifest.model());
        root.put("version", manifest.version());
        root.put("type", manifest.type());
        root.put("createdAt", manifest.createdAt().toString());
        root.put("dataFingerprint", manifest.dataFingerprint());
        ObjectNode rows = root.putObject("rowCounts");
        new TreeMap<>(manifest.rowCounts()).forEach(rows::put);
        ObjectNode parameters = root.putObject("parameters");
        new TreeMap<>(manifest.parameters()).forEach(parameters::put);
        ObjectNode evaluation = root.putObject("evaluation");
        manifest.evaluation().forEach((method, metrics) -> {
            ObjectNode node = evaluation.putObject(method);
            new TreeMap<>(metrics).forEach(node::put);
        });
        ObjectNode files = root.putObject("files");
        new TreeMap<>(manifest.files()).forEach(files::put);
        try {
            StrictJson.MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Manifest read(Path file) {
        StrictJson json = StrictJson.of(file);
        JsonNode root = StrictJson.read(file);
        int formatVersion = json.positiveInt(root, "", "formatVersion");
        if (formatVersion != Manifest.FORMAT_VERSION) {
            throw json.error("formatVersion", "must be " + Manifest.FORMAT_VERSION + " but was " + formatVersion
                    + " (unknown format version)");
        }
        Instant createdAt;
        String created = json.text(root, "", "createdAt");
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw json.error("createdAt", "must be an ISO-8601 instant but was '" + created + "'");
        }
        Map<String, Long> rows = new TreeMap<>();
        for (Iterator<String> names = object(json, root, "rowCounts").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            rows.put(name, json.nonNegativeLong(root.get("rowCounts"), "rowCounts", name));
        }
        Map<String, String> parameters = new TreeMap<>();
        for (Iterator<String> names = object(json, root, "parameters").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            parameters.put(name, json.text(root.get("parameters"), "parameters", name));
        }
        Map<String, Map<String, Double>> evaluation = new TreeMap<>();
        JsonNode evaluationNode = object(json, root, "evaluation");
        for (Iterator<String> methods = evaluationNode.fieldNames(); methods.hasNext(); ) {
            String method = methods.next();
            Map<String, Double> metrics = new TreeMap<>();
            JsonNode metricsNode = object(json, evaluationNode, "evaluation", method);
            for (Iterator<String> names = metricsNode.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                metrics.put(name, json.finiteDouble(metricsNode, "evaluation." + method, name));
            }
            evaluation.put(method, metrics);
        }
        Map<String, String> files = new TreeMap<>();
        JsonNode filesNode = object(json, root, "files");
        for (Iterator<String> names = filesNode.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String checksum = json.text(filesNode, "files", name);
            if (!checksum.matches("[0-9a-f]{64}")) {
                throw json.error("files." + name, "must be a SHA-256 in lower-case hex but was '" + checksum + "'");
            }
            files.put(name, checksum);
        }
        if (files.isEmpty()) {
            throw json.error("files", "must list at least one file");
        }
        return new Manifest(formatVersion, json.text(root, "", "tenant"), json.text(root, "", "model"),
                json.text(root, "", "version"), json.text(root, "", "type"), createdAt,
                json.text(root, "", "dataFingerprint"), rows, parameters, evaluation, files);
    }

    private static JsonNode object(StrictJson json, JsonNode node, String name) {
        return object(json, node, "", name);
    }

    private static JsonNode object(StrictJson json, JsonNode node, String path, String name) {
        JsonNode value = json.field(node, path, name);
        if (!value.isObject()) {
            throw json.error(StrictJson.join(path, name), "must be an object but was " + value.getNodeType());
        }
        return value;
    }
}
