package io.aisle.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.training.evaluation.PromotionRule;
import io.aisle.training.evaluation.RepeatedSplits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --report} JSON of a run:
 * <pre>{@code
 * {"job": "also-bought", "eval-seed": 42, "training-seconds": 31.2,
 *  "rows": {"lines": 9835, "bad-lines": 0, ...},
 *  "evaluation": {"cases": 1535, "results": {"aisle": {"hr@10": 0.42, "ndcg@10": 0.25}, ...},
 *                 "splits": {"seeds": [42, 43], "mean": {...}, "sd": {...}, "by-seed": [...]}},
 *  "published": {"tenant": "demo", "model": "also-bought", "version": "v000001"}}
 * }</pre>
 */
public final class TrainingReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = MAPPER.createObjectNode();

    public TrainingReport(String job, long evalSeed) {
        root.put("job", job);
        root.put("eval-seed", evalSeed);
    }

    public TrainingReport rows(Map<String, Long> rows) {
        ObjectNode node = root.putObject("rows");
        rows.forEach(node::put);
        return this;
    }

    public TrainingReport evaluation(long cases, Map<String, Map<String, Double>> results) {
        ObjectNode evaluation = root.putObject("evaluation");
        evaluation.put("cases", cases);
        putResults(evaluation.putObject("results"), results);
        return this;
    }

    /**
     * Adds {@code evaluation.splits}: the seeds, the mean and standard deviation of every method's metrics
     * over them, and each split's results. Call after {@link #evaluation}.
     */
    public TrainingReport splits(RepeatedSplits splits) {
        ObjectNode node = ((ObjectNode) root.get("evaluation")).putObject("splits");
        splits.seeds().forEach(node.putArray("seeds")::add);
        putResults(node.putObject("mean"), splits.mean());
        putResults(node.putObject("sd"), splits.standardDeviation());
        ArrayNode bySeed = node.putArray("by-seed");
        for (int i = 0; i < splits.seeds().size(); i++) {
            ObjectNode split = bySeed.addObject().put("seed", splits.seeds().get(i));
            putResults(split.putObject("results"), splits.results().get(i));
        }
        return this;
    }

    private static void putResults(ObjectNode node, Map<String, Map<String, Double>> results) {
        results.forEach((method, metrics) -> {
            ObjectNode methodNode = node.putObject(method);
            metrics.forEach(methodNode::put);
        });
    }

    /**
     * Adds {@code promotion}: whether the new version was approved by {@code --promote-if-better}, why, and the
     * two scores compared.
     */
    public TrainingReport promotion(PromotionRule.Decision decision, Optional<String> approvedVersion, int cases) {
        ObjectNode node = root.putObject("promotion")
                .put("promoted", decision.promote())
                .put("reason", decision.reason())
                .put("metric", decision.metric())
                .put("cases", cases);
        if (!Double.isNaN(decision.candidateScore())) {
            node.put("candidate", decision.candidateScore());
        }
        decision.approvedScore().ifPresent(score -> node.put("approved", score));
        approvedVersion.ifPresent(version -> node.put("approved-version", version));
        return this;
    }

    public TrainingReport trainingSeconds(double seconds) {
        root.put("training-seconds", Math.round(seconds * 10) / 10.0);
        return this;
    }

    public TrainingReport published(String tenant, String model, String version) {
        root.putObject("published").put("tenant", tenant).put("model", model).put("version", version);
        return this;
    }

    public TrainingReport parameters(Map<String, String> parameters) {
        ObjectNode node = root.putObject("parameters");
        parameters.forEach(node::put);
        return this;
    }

    public ObjectNode json() {
        return root;
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + file, e);
        }
    }
}
