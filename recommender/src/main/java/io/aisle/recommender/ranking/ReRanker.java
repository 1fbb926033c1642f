package io.aisle.recommender.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.format.StrictJson;
import io.aisle.recommender.foryou.ForYouModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Re-ranks the FM's top candidates with an XGBoost learning-to-rank booster, scored through the plain
 * xgboost4j Java API (no Spark).
 *
 * <p>Files: {@value #BOOSTER_FILE} is XGBoost's native UBJSON model; {@value #SPEC_FILE} is
 * {@code {"format": "aisle-ranker", "formatVersion": 1, "features": [...], "candidates": 100}}, the
 * feature names in column order (they must equal {@link RankingFeatures#NAMES}) and how many FM
 * candidates to re-rank.
 *
 * <p>Thread-safe: threads predict on the shared booster concurrently. Set {@code OMP_WAIT_POLICY=PASSIVE}
 * in the environment: XGBoost's OpenMP threads otherwise busy-wait and scoring is 10-50x slower on few cores.
 */
public final class ReRanker {

    public static final String BOOSTER_FILE = "ranker.ubj";
    public static final String SPEC_FILE = "feature-spec.json";
    public static final String FORMAT = "aisle-ranker";
    public static final int FORMAT_VERSION = 1;

    private final Booster booster;
    private final int candidateCount;
    /** The same trees walked in Java when they reproduce XGBoost's prediction; see {@link TreeEnsemble}. */
    private final Optional<TreeEnsemble> trees;

    private ReRanker(Booster booster, int candidateCount) {
        this.booster = booster;
        this.candidateCount = candidateCount;
        this.trees = TreeEnsemble.of(booster, RankingFeatures.COUNT);
    }

    /** Whether predictions walk the trees in Java (else they go through XGBoost's native prediction). */
    public boolean walksTreesInJava() {
        return trees.isPresent();
    }

    /** Wraps a booster (for example one just trained) with the number of candidates it re-ranks. */
    public static ReRanker of(Booster booster, int candidateCount) {
        setSingleThread(booster);
        return new ReRanker(booster, candidateCount);
    }

    public int candidateCount() {
        return candidateCount;
    }

    public Booster booster() {
        return booster;
    }

    /** Reads both files; any problem fails naming the file and field. */
    public static ReRanker load(Path folder) {
        Path specFile = folder.resolve(SPEC_FILE);
        StrictJson json = StrictJson.of(specFile);
        JsonNode spec = StrictJson.read(specFile);
        json.expectFormat(spec, FORMAT, FORMAT_VERSION);
        JsonNode names = json.array(spec, "", "features");
        List<String> features = new ArrayList<>();
        names.forEach(name -> features.add(name.asText()));
        if (!features.equals(RankingFeatures.NAMES)) {
            throw json.error("features", "must be " + RankingFeatures.NAMES + " but was " + features);
        }
        int candidates = json.positiveInt(spec, "", "candidates");
        Path boosterFile = folder.resolve(BOOSTER_FILE);
        if (!Files.isRegularFile(boosterFile)) {
            throw new ModelFormatException(BOOSTER_FILE + ": file is missing");
        }
        try (InputStream in = Files.newInputStream(boosterFile)) {
            return of(XGBoost.loadModel(in), candidates);
        } catch (XGBoostError | IOException e) {
            throw new ModelFormatException(BOOSTER_FILE + ": not a readable XGBoost model: " + e.getMessage(), e);
        }
    }

    /** Writes the booster (UBJSON) and the feature spec into {@code folder}. */
    public void write(Path folder) {
        try {
            Files.write(folder.resolve(BOOSTER_FILE), booster.toByteArray("ubj"));
            ObjectNode spec = StrictJson.MAPPER.createObjectNode();
            spec.put("format", FORMAT);
            spec.put("formatVersion", FORMAT_VERSION);
            RankingFeatures.NAMES.forEach(spec.putArray("features")::add);
            spec.put("candidates", candidateCount);
            StrictJson.MAPPER.writeValue(folder.resolve(SPEC_FILE).toFile(), spec);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot serialise the booster: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ranker into " + folder, e);
        }
    }

    /**
     * Scores candidates for a user; higher ranks first.
     *
     * @param history the user's distinct history items
     * @param candidates FM catalogue indices
     * @param fmScores their raw FM scores
     */
    public double[] score(ForYouModel model, Optional<ItemNeighbours> alsoBought, int[] history, int[] candidates, double[] fmScores) {
        return predict(RankingFeatures.compute(model, alsoBought, history, candidates, fmScores), candidates.length);
    }

    /** Scores a row-major feature matrix of {@code rows x RankingFeatures.COUNT}. */
    public double[] predict(float[] features, int rows) {
        if (rows == 0) {
            return new double[0];
        }
        try {
            float[] predictions = trees.isPresent() ? trees.get().scoreRows(features, rows, RankingFeatures.COUNT)
                    : nativePredictions(booster, features, rows, RankingFeatures.COUNT);
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = predictions[r];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** XGBoost's own prediction of a row-major matrix, one value per row. */
    static float[] nativePredictions(Booster booster, float[] data, int rows, int features) throws XGBoostError {
        DMatrix matrix = new DMatrix(data, rows, features, Float.NaN);
        try {
            // XGBoost's prediction is thread-safe (since 1.4), so request threads share the booster.
            float[][] predictions = booster.predict(matrix);
            float[] out = new float[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = predictions[r][0];
            }
            return out;
        } finally {
            matrix.dispose();
        }
    }

    private static void setSingleThread(Booster booster) {
        try {
            // One request is one thread: OpenMP fan-out per 100-row prediction costs more than it gains.
            booster.setParams(Map.of("nthread", 1));
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot configure the booster: " + e.getMessage(), e);
        }
    }
}
