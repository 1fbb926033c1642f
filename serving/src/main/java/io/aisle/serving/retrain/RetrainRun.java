package io.aisle.serving.retrain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One training run of a model, as the runs route shows it.
 *
 * @param id sorts in the order runs were queued: {@code yyyyMMdd'T'HHmmss'Z'-schedule} for a run of the schedule,
 *     {@code -manual} for one asked for through the API
 * @param runner {@code pid@host} of the server that runs it, to tell runs a stopped server left behind
 * @param version the version the run published, once it has
 * @param promoted whether the promotion rule approved that version
 * @param reason why it was or was not promoted, or why the run failed
 * @param report the training job's JSON report (evaluation, promotion), once written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrainRun(String id, String model, Trigger trigger, Status status, Instant queuedAt, Instant startedAt,
                         Instant finishedAt, Integer exitCode, String version, Boolean promoted, String reason,
                         String runner, JsonNode report) {

    public enum Trigger {
        @JsonProperty("schedule") SCHEDULE,
        @JsonProperty("manual") MANUAL
    }

    public enum Status {
        @JsonProperty("queued") QUEUED,
        @JsonProperty("running") RUNNING,
        @JsonProperty("succeeded") SUCCEEDED,
        @JsonProperty("failed") FAILED
    }

    boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }

    RetrainRun started(Instant at) {
        return new RetrainRun(id, model, trigger, Status.RUNNING, queuedAt, at, null, null, null, null, null, runner, null);
    }

    RetrainRun failed(Instant at, Integer exit, String why, JsonNode reportSoFar) {
        return new RetrainRun(id, model, trigger, Status.FAILED, queuedAt, startedAt, at, exit, null, null, why, runner,
                reportSoFar);
    }

    RetrainRun succeeded(Instant at, String publishedVersion, boolean wasPromoted, String why, JsonNode finalReport) {
        return new RetrainRun(id, model, trigger, Status.SUCCEEDED, queuedAt, startedAt, at, 0, publishedVersion, wasPromoted,
                why, runner, finalReport);
    }
}
