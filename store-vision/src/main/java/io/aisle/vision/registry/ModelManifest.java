package io.aisle.vision.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code manifest.json} says about one published model version.
 *
 * @param type what kind of model it is, e.g. {@code product-recognizer}
 * @param trainingDataFingerprint identifies the training data (a hash of its generator settings or files)
 * @param rowCounts sizes of the data sets used, by name (training, holdout)
 * @param parameters the training settings
 * @param evaluation metrics measured on holdout data
 * @param fileSha256 lowercase hex SHA-256 of every file of the version except the manifest, by relative path
 */
public record ModelManifest(String type, String tenant, String model, String version, Instant createdAt,
        String trainingDataFingerprint, Map<String, Long> rowCounts, Map<String, String> parameters,
        Map<String, Double> evaluation, Map<String, String> fileSha256) {

    public ModelManifest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(trainingDataFingerprint, "trainingDataFingerprint");
        rowCounts = Map.copyOf(rowCounts);
        parameters = Map.copyOf(parameters);
        evaluation = Map.copyOf(evaluation);
        fileSha256 = Map.copyOf(fileSha256);
    }

    /** The same manifest with the version and checksums the registry fills in at publication. */
    ModelManifest withVersionAndFiles(String newVersion, Map<String, String> files) {
        return new ModelManifest(type, tenant, model, newVersion, createdAt, trainingDataFingerprint, rowCounts,
                parameters, evaluation, new TreeMap<>(files));
    }
}
