package io.aisle.serving.retrain;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules and runs, kept in the registry beside the models so that every replica sharing it sees the same:
 * <pre>
 * {registry}/{tenant}/runs/{model}/schedule.json
 * {registry}/{tenant}/runs/{model}/slot-{start}
 * {registry}/{tenant}/runs/{model}/{run id}/run.json, report.json, training.log
 * </pre>
 * A slot's file is created once, atomically: on a shared registry, exactly one replica wins a scheduled slot.
 */
public final class RetrainRuns {

    static final String SCHEDULE_FILE = "schedule.json";
    static final String RUN_FILE = "run.json";
    static final String REPORT_FILE = "report.json";
    static final String LOG_FILE = "training.log";
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path registry;
    private final JsonMapper json = JsonMapper.builder().build();

    public RetrainRuns(Path registry) {
        this.registry = registry;
    }

    Path registry() {
        return registry;
    }

    /** Tenants with at least one schedule or run, sorted. */
    List<String> tenants() {
        try (Stream<Path> children = Files.list(registry)) {
            return children.filter(tenant -> Files.isDirectory(tenant.resolve(ModelRegistry.RUNS_FOLDER)))
                    .map(tenant -> tenant.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<RetrainSchedule> schedule(String tenant, String model) {
        Path file = modelFolder(tenant, model).resolve(SCHEDULE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), RetrainSchedule.class));
        } catch (JacksonException e) {
            throw new IllegalStateException("unreadable retraining schedule " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    void putSchedule(String tenant, String model, RetrainSchedule schedule) {
        Path file = modelFolder(tenant, model).resolve(SCHEDULE_FILE);
        createFolders(file.getParent());
        AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(schedule));
    }

    /** @return whether there was a schedule to delete */
    boolean deleteSchedule(String tenant, String model) {
        try {
            return Files.deleteIfExists(modelFolder(tenant, model).resolve(SCHEDULE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes a schedule's slot for this replica.
     *
     * @return false when the slot was taken before (by another replica, or by this one before a restart)
     */
    boolean claimSlot(String tenant, String model, Instant slot) {
        Path folder = modelFolder(tenant, model);
        createFolders(folder);
        try {
            Files.createFile(folder.resolve("slot-" + RUN_TIME.format(slot)));
            AtomicFiles.forceFolder(folder);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String runId(Instant at, RetrainRun.Trigger trigger) {
        return RUN_TIME.format(at) + "-" + (trigger == RetrainRun.Trigger.SCHEDULE ? "schedule" : "manual");
    }

    /**
     * Creates the run's folder and records it queued.
     *
     * @return empty when a run of that id exists already
     */
    Optional<RetrainRun> claim(String tenant, RetrainRun run) {
        Path folder = runFolder(tenant, run.model(), run.id());
        createFolders(folder.getParent());
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        save(tenant, run);
        return Optional.of(run);
    }

    void save(String tenant, RetrainRun run) {
        AtomicFiles.write(runFolder(tenant, run.model(), run.id()).resolve(RUN_FILE),
                json.writerWithDefaultPrettyPrinter().writeValueAsBytes(run));
    }

    /** The model's runs, newest first, at most {@code limit}; a run whose record is unreadable is left out. */
    List<RetrainRun> runs(String tenant, String model, int limit) {
        Path folder = modelFolder(tenant, model);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> runFolders;
        try (Stream<Path> children = Files.list(folder)) {
            runFolders = children.filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .limit(limit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RetrainRun> runs = new ArrayList<>();
        for (Path runFolder : runFolders) {
            try {
                runs.add(json.readValue(runFolder.resolve(RUN_FILE).toFile(), RetrainRun.class));
            } catch (JacksonException e) {
                // A run folder just claimed has its record a moment later; one broken record must not hide the rest.
            }
        }
        return runs;
    }

    Path runFolder(String tenant, String model, String runId) {
        return modelFolder(tenant, model).resolve(runId);
    }

    /** The report the training job wrote, if it wrote a readable one. */
    Optional<JsonNode> report(String tenant, String model, String runId) {
        Path file = runFolder(tenant, model, runId).resolve(REPORT_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(file.toFile()));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private Path modelFolder(String tenant, String model) {
        return registry.resolve(tenant).resolve(ModelRegistry.RUNS_FOLDER).resolve(model);
    }

    private static void createFolders(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
