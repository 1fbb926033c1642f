package io.aisle.serving.retrain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Starts the runs that are due and the ones asked for, one at a time in a child JVM, and records how each
 * ended. The promotion rule itself is the training job's ({@code --promote-if-better}): the run only reads
 * what the job reported.
 */
public final class RetrainScheduler implements AutoCloseable {

    /** Models whose training job applies a promotion rule, and so may retrain unattended. */
    public static final Set<String> SCHEDULABLE = Set.of("also-bought");

    private static final Logger log = LoggerFactory.getLogger(RetrainScheduler.class);
    private static final int LOG_TAIL_CHARS = 400;

    private final RetrainRuns runs;
    private final TrainingProcess training;
    private final Clock clock;
    private final Runnable afterPromotion;
    private final String runner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "aisle-retrain");
        thread.setDaemon(true);
        return thread;
    });

    /** @param afterPromotion called once a run approved a new version, so the server swaps it in at once */
    public RetrainScheduler(RetrainRuns runs, TrainingProcess training, Clock clock, Runnable afterPromotion) {
        this.runs = runs;
        this.training = training;
        this.clock = clock;
        this.afterPromotion = afterPromotion;
        this.runner = ProcessHandle.current().pid() + "@" + hostName();
    }

    /** Queues every scheduled run whose slot has come and that no replica has claimed, and closes abandoned runs. */
    public void tick() {
        Instant now = clock.instant();
        for (String tenant : runs.tenants()) {
            for (String model : SCHEDULABLE) {
                closeAbandoned(tenant, model, now);
                runs.schedule(tenant, model).filter(schedule -> runs.claimSlot(tenant, model, schedule.slot(now)))
                        .flatMap(schedule -> runs.claim(tenant, queued(RetrainRuns.runId(now, RetrainRun.Trigger.SCHEDULE),
                                model, RetrainRun.Trigger.SCHEDULE, now)).map(run -> {
                                    submit(tenant, run, schedule);
                                    return run;
                                }));
            }
        }
    }

    /**
     * Queues a run now, with the model's schedule's window and gain, or all days and any gain without one.
     *
     * @return empty when a run of the model is queued or running already
     */
    public Optional<RetrainRun> runNow(String tenant, String model) {
        Instant now = clock.instant();
        closeAbandoned(tenant, model, now);
        if (runs.runs(tenant, model, 20).stream().anyMatch(run -> !run.finished())) {
            return Optional.empty();
        }
        RetrainSchedule settings = runs.schedule(tenant, model)
                .orElse(new RetrainSchedule(RetrainSchedule.LONGEST, "all", 0));
        Optional<RetrainRun> claimed = runs.claim(tenant, queued(RetrainRuns.runId(now, RetrainRun.Trigger.MANUAL), model,
                RetrainRun.Trigger.MANUAL, now));
        claimed.ifPresent(run -> submit(tenant, run, settings));
        return claimed;
    }

    private RetrainRun queued(String id, String model, RetrainRun.Trigger trigger, Instant now) {
        return new RetrainRun(id, model, trigger, RetrainRun.Status.QUEUED, now, null, null, null, null, null, null,
                runner, null);
    }

    private void submit(String tenant, RetrainRun run, RetrainSchedule schedule) {
        try {
            worker.execute(() -> execute(tenant, run, schedule));
        } catch (RejectedExecutionException e) {
            runs.save(tenant, run.failed(clock.instant(), null, "the server stopped before the run started", null));
        }
    }

    private void execute(String tenant, RetrainRun queued, RetrainSchedule schedule) {
        RetrainRun run = queued.started(clock.instant());
        runs.save(tenant, run);
        if (!training.configured()) {
            runs.save(tenant, run.failed(clock.instant(), null, "no training command is configured (aisle.retrain.command,"
                    + " which ./aisle serve and ./aisle demo set)", null));
            return;
        }
        Path folder = runs.runFolder(tenant, run.model(), run.id());
        try {
            TrainingProcess.Outcome outcome = training.run(arguments(tenant, run.model(), schedule, folder),
                    folder.resolve(RetrainRuns.LOG_FILE));
            Optional<JsonNode> report = runs.report(tenant, run.model(), run.id());
            runs.save(tenant, finished(run, outcome, report, folder));
        } catch (InterruptedException e) {
            runs.save(tenant, run.failed(clock.instant(), null, "the server stopped during the run", null));
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.warn("retraining {}/{} run {} failed to start", tenant, run.model(), run.id(), e);
            runs.save(tenant, run.failed(clock.instant(), null, "the training command could not start: " + e.getMessage(), null));
        }
    }

    private RetrainRun finished(RetrainRun run, TrainingProcess.Outcome outcome, Optional<JsonNode> report, Path folder) {
        Instant now = clock.instant();
        if (outcome.timedOut()) {
            return run.failed(now, null, "stopped after the time limit (aisle.retrain.timeout)", report.orElse(null));
        }
        JsonNode promotion = report.map(r -> r.get("promotion")).orElse(null);
        JsonNode published = report.map(r -> r.get("published")).orElse(null);
        if (outcome.exitCode() != 0 || promotion == null || published == null) {
            return run.failed(now, outcome.exitCode(), "training exited with " + outcome.exitCode() + ": "
                    + lastLines(folder.resolve(RetrainRuns.LOG_FILE)), report.orElse(null));
        }
        boolean promoted = promotion.get("promoted").asBoolean();
        if (promoted) {
            afterPromotion.run();
        }
        return run.succeeded(now, published.get("version").asText(), promoted, promotion.get("reason").asText(), report.get());
    }

    /** The job's own words on why it failed: the end of its output. */
    private static String lastLines(Path logFile) {
        try {
            String text = Files.readString(logFile).strip();
            return text.length() <= LOG_TAIL_CHARS ? text : "…" + text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private List<String> arguments(String tenant, String model, RetrainSchedule schedule, Path folder) {
        Path registry = runs.registry().toAbsolutePath();
        List<String> arguments = new ArrayList<>(List.of(model, "--tenant", tenant, "--registry", registry.toString(),
                "--events-log", registry.resolve(tenant).resolve("events").toString()));
        if (!schedule.window().equals("all")) {
            arguments.addAll(List.of("--since", schedule.window()));
        }
        arguments.add("--promote-if-better");
        if (schedule.minGain() > 0) {
            arguments.addAll(List.of("--min-gain", Double.toString(schedule.minGain())));
        }
        arguments.addAll(List.of("--report", folder.resolve(RetrainRuns.REPORT_FILE).toAbsolutePath().toString()));
        return arguments;
    }

    /** Runs this host's servers left queued or running when they stopped: nobody will finish them. */
    private void closeAbandoned(String tenant, String model, Instant now) {
        String host = "@" + hostName();
        for (RetrainRun run : runs.runs(tenant, model, 20)) {
            if (!run.finished() && run.runner() != null && run.runner().endsWith(host) && !run.runner().equals(runner)) {
                long pid = Long.parseLong(run.runner().substring(0, run.runner().indexOf('@')));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                runs.save(tenant, run.failed(now, null, "interrupted: server " + run.runner() + " stopped before the run"
                        + " finished", runs.report(tenant, model, run.id()).orElse(null)));
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Stops the run in progress (its child process too) and drops queued ones, which stay recorded as queued. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
