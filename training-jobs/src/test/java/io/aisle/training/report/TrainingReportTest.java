package io.aisle.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisle.training.evaluation.RepeatedSplits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingReportTest {

    @Test
    void putsTheSplitsBesideTheReportedSplitsResults() {
        Map<String, Map<String, Double>> first = Map.of("aisle", Map.of("hr@10", 0.40));
        Map<String, Map<String, Double>> second = Map.of("aisle", Map.of("hr@10", 0.44));
        JsonNode evaluation = new TrainingReport("also-bought", 5).evaluation(1500, first)
                .splits(new RepeatedSplits(List.of(5L, 6L), List.of(first, second))).json().get("evaluation");

        assertEquals(0.40, evaluation.at("/results/aisle/hr@10").asDouble());
        assertEquals("[5,6]", evaluation.at("/splits/seeds").toString());
        assertEquals(0.42, evaluation.at("/splits/mean/aisle/hr@10").asDouble(), 1e-12);
        assertEquals(Math.sqrt(0.0008), evaluation.at("/splits/sd/aisle/hr@10").asDouble(), 1e-12);
        assertEquals(6, evaluation.at("/splits/by-seed/1/seed").asLong());
        assertEquals(0.44, evaluation.at("/splits/by-seed/1/results/aisle/hr@10").asDouble());
    }
}
