package io.aisle.recommender.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a model version is: written by the registry as {@code manifest.json} next to the version's
 * files, and verified on every load.
 *
 * @param formatVersion version of the manifest layout; the registry refuses versions it does not know
 * @param type model type, for example {@code also-bought}, {@code for-you}, {@code ranker}
 * @param createdAt when the version was published
 * @param dataFingerprint identifies the training data (for example a SHA-256 over the input files)
 * @param rowCounts named row counts of the training run ({@code rows}, {@code badRows}, ...)
 * @param parameters training parameters, as strings
 * @param evaluation evaluation results: method name to metric name to value
 * @param files every file of the version and its SHA-256, hex
 */
public record Manifest(int formatVersion, String tenant, String model, String version, String type,
                       Instant createdAt, String dataFingerprint, Map<String, Long> rowCounts,
                       Map<String, String> parameters, Map<String, Map<String, Double>> evaluation,
                       Map<String, String> files) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    public Manifest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        rowCounts = Map.copyOf(rowCounts);
        parameters = Map.copyOf(parameters);
        TreeMap<String, Map<String, Double>> copy = new TreeMap<>();
        evaluation.forEach((method, metrics) -> copy.put(method, Map.copyOf(metrics)));
        evaluation = java.util.Collections.unmodifiableMap(copy);
        files = Map.copyOf(files);
    }
}
