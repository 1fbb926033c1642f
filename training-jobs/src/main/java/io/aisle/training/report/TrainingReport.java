package io.aisle.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code --report} JSON of a run:
 * <pre>{@code
 * {"job": "also-bought", "eval-seed": 42, "training-seconds": 31.2,
 *  "rows": {"lines": 9835, "bad-lines": 0, ...},
 *  "evaluation": {"cases": 1535, "results": {"aisle": {"hr@10": 0.42, "ndcg@10": 0.25}, ...}},
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
        ObjectNode resultsNode = evaluation.putObject("results");
        results.forEach((method, metrics) -> {
            ObjectNode node = resultsNode.putObject(method);
            metrics.forEach(node::put);
        });
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
