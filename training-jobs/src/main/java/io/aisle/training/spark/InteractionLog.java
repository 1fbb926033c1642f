package io.aisle.training.spark;

import io.aisle.training.ingest.Interaction;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * A log read by {@link InteractionLogReader}: the good interactions (cached) and the accounting of
 * lines.
 *
 * @param lines lines read
 * @param badLines lines that could not be parsed
 * @param badExamples the first bad lines, each "line N: problem"
 */
public record InteractionLog(JavaRDD<Interaction> interactions, long lines, long badLines, long interactionCount,
                             List<String> badExamples, String fingerprint) {

    public InteractionLog {
        badExamples = List.copyOf(badExamples);
    }
}
