package io.aisle.serving.retrain;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * When and on what a model is retrained.
 *
 * @param every the interval between runs; runs start at whole multiples of it since the epoch (UTC), the first
 *     one in the interval the schedule is set in
 * @param window days of the interaction log trained on, {@code Nd} counting today, or {@code all}
 * @param minGain how much higher on the held-out orders a new version must score than the approved one to be approved
 */
public record RetrainSchedule(Duration every, String window, double minGain) {

    static final Duration SHORTEST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(366);
    private static final Pattern DAYS = Pattern.compile("[1-9][0-9]{0,3}d");

    /** @throws IllegalArgumentException naming the bad field */
    public RetrainSchedule {
        if (every == null || every.compareTo(SHORTEST) < 0 || every.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("every must be an ISO-8601 duration from PT1M to P366D but was " + every);
        }
        if (window == null || !(window.equals("all") || DAYS.matcher(window).matches())) {
            throw new IllegalArgumentException("window must be Nd (days of the log, 1d to 9999d) or all but was " + window);
        }
        if (!(minGain >= 0 && minGain <= 1)) {
            throw new IllegalArgumentException("minGain must be in [0, 1] but was " + minGain);
        }
    }

    /** The start of the interval {@code now} falls in: one run per such start. */
    public Instant slot(Instant now) {
        long length = every.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
    }
}
