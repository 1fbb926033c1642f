package io.aisle.training.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The table a job ends with: one block of key/value facts and one row per evaluated method. */
public final class SummaryTable {

    private final Map<String, String> facts = new LinkedHashMap<>();

    public SummaryTable fact(String name, Object value) {
        facts.put(name, String.valueOf(value));
        return this;
    }

    public void print(PrintStream out, Map<String, Map<String, Double>> evaluation) {
        int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
        facts.forEach((name, value) -> out.printf(Locale.ROOT, "%-" + width + "s  %s%n", name, value));
        if (evaluation.isEmpty()) {
            return;
        }
        List<String> metrics = new ArrayList<>(new TreeSet<>(evaluation.values().iterator().next().keySet()));
        int methodWidth = Math.max(6, evaluation.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%n%-" + methodWidth + "s", "method"));
        metrics.forEach(metric -> header.append(String.format(Locale.ROOT, "  %9s", metric)));
        out.println(header);
        evaluation.forEach((method, values) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + methodWidth + "s", method));
            metrics.forEach(metric -> row.append(String.format(Locale.ROOT, "  %9.4f", values.getOrDefault(metric, Double.NaN))));
            out.println(row);
        });
    }
}
