package io.aisle.serving.eventlog;

import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.serving.events.InteractionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one partition of a topic into the log exactly once, with no Kafka type in sight: the log itself,
 * not the consumer group's committed offset, says where to go on (as Kafka Connect's HDFS sink does), so a
 * sink that dies at any point and its successor together write every record once.
 *
 * <p>A batch of records with offsets {@code first..last} is written in three steps:
 * <ol>
 *   <li>stage: one file per tenant and day under {@code {sink}/staging/{topic}-{p}/{first}/}, forced;</li>
 *   <li>commit: the partition's checkpoint {@code {sink}/{topic}-{p}.json} is replaced (atomically, durably)
 *       by {@code {"version":1,"next":last+1,"pending":[{"staged","target"},…]}};</li>
 *   <li>publish: each staged file is renamed to {@code {registry}/{tenant}/events/dt=…/part-{topic}-{p}-{first}.jsonl},
 *       then the checkpoint's pending list is emptied.</li>
 * </ol>
 * {@link #recover()} finishes a committed batch's renames and deletes the staging of uncommitted ones, and
 * returns the checkpoint's {@code next}. A crash before step 2 leaves only staging (deleted; the records are
 * read again); after it, the renames are redone, each at most once since a renamed file is no longer staged.
 * Not thread-safe: one partition has one owner thread.
 */
public final class PartitionSinkWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FORMAT_VERSION = 1;

    private final EventLogLayout layout;
    private final String partitionName;
    private final Path sinkFolder;
    private final Path checkpoint;
    private final Path staging;
    private final Consumer<String> afterStep;

    /**
     * @param sinkFolder the sink's own folder (checkpoints and staging), on the same file system as the log
     * @param afterStep called with "staged", "committed" and "published" after each step; a test throws from
     *     it to die there. {@code step -> {}} otherwise.
     */
    public PartitionSinkWriter(EventLogLayout layout, Path sinkFolder, String topic, int partition, Consumer<String> afterStep) {
        this.layout = layout;
        this.partitionName = topic + "-" + partition;
        this.sinkFolder = sinkFolder;
        this.checkpoint = sinkFolder.resolve(partitionName + ".json");
        this.staging = sinkFolder.resolve("staging").resolve(partitionName);
        this.afterStep = afterStep;
    }

    /** The offset to read from, or empty for a partition never written (read it from its beginning). */
    public OptionalLong recover() {
        try {
            OptionalLong next = OptionalLong.empty();
            if (Files.exists(checkpoint)) {
                JsonNode state = JSON.readTree(Files.readAllBytes(checkpoint));
                if (state.path("version").asInt() != FORMAT_VERSION) {
                    throw new IllegalStateException(checkpoint + " has format version " + state.path("version")
                            + "; this sink reads " + FORMAT_VERSION);
                }
                publish(state.path("next").asLong(), state.path("pending"));
                next = OptionalLong.of(state.path("next").asLong());
            }
            deleteTree(staging);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover " + checkpoint, e);
        }
    }

    /** Writes the records {@code first..last} (their events, in offset order; a record that is no event is left out). */
    public void write(long first, long last, List<InteractionEvent> events) {
        try {
            Path batch = staging.resolve(Long.toString(first));
            Map<Path, StringBuilder> linesByTarget = new LinkedHashMap<>();
            for (InteractionEvent event : events) {
                linesByTarget.computeIfAbsent(layout.dayFolder(event).resolve("part-" + partitionName + "-" + first + ".jsonl"),
                        target -> new StringBuilder()).append(InteractionEventJson.encode(event)).append('\n');
            }
            ArrayNode pending = JSON.createArrayNode();
            int index = 0;
            for (Map.Entry<Path, StringBuilder> file : linesByTarget.entrySet()) {
                Path staged = batch.resolve(index++ + ".jsonl");
                Files.createDirectories(batch);
                Files.writeString(staged, file.getValue(), StandardCharsets.UTF_8);
                pending.addObject()
                        .put("staged", sinkFolder.relativize(staged).toString())
                        .put("target", layout.registryRoot().relativize(file.getKey()).toString());
            }
            if (Files.exists(batch)) {
                AtomicFiles.forceTree(batch);
            }
            afterStep.accept("staged");
            writeCheckpoint(last + 1, pending);
            afterStep.accept("committed");
            publish(last + 1, pending);
            afterStep.accept("published");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write offsets " + first + ".." + last + " of " + partitionName, e);
        }
    }

    private void publish(long next, JsonNode pending) throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        for (JsonNode move : pending) {
            Path staged = sinkFolder.resolve(move.path("staged").asString());
            Path target = layout.registryRoot().resolve(move.path("target").asString());
            if (Files.exists(staged)) {
                Files.createDirectories(target.getParent());
                AtomicFiles.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        writeCheckpoint(next, JSON.createArrayNode());
        deleteTree(staging);
    }

    private void writeCheckpoint(long next, ArrayNode pending) {
        ObjectNode state = JSON.createObjectNode().put("version", FORMAT_VERSION).put("next", next);
        state.set("pending", pending);
        AtomicFiles.write(checkpoint, JSON.writeValueAsBytes(state));
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
