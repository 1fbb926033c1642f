package io.aisle.training.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days of the server's interaction log to read. Its day folders are named {@code dt=YYYY-MM-DD}, so a day
 * window is a Hadoop glob over folder names, which works alike on local disks, HDFS and S3.
 */
final class EventLogDays {

    private static final Pattern LAST_DAYS = Pattern.compile("([1-9]\\d{0,4})d");

    private EventLogDays() {
    }

    /**
     * @param since {@code Nd} (the last N days, today included) or an ISO date
     * @throws IllegalArgumentException for anything else, or a date after today
     */
    static LocalDate firstDay(String since, LocalDate today) {
        Matcher lastDays = LAST_DAYS.matcher(since);
        if (lastDays.matches()) {
            return today.minusDays(Long.parseLong(lastDays.group(1)) - 1);
        }
        try {
            LocalDate day = LocalDate.parse(since);
            if (day.isAfter(today)) {
                throw new IllegalArgumentException("--since " + since + " is after today (" + today + ", UTC)");
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes a number of days such as 30d or a date such as 2026-11-01,"
                    + " but was '" + since + "'");
        }
    }

    /** Whether a day folder's name ({@code dt=YYYY-MM-DD}) is of the window from {@code firstDay} on. */
    static Predicate<String> inWindow(Optional<LocalDate> firstDay) {
        return name -> {
            if (!name.startsWith("dt=")) {
                return false;
            }
            try {
                return firstDay.isEmpty() || !LocalDate.parse(name.substring(3)).isBefore(firstDay.get());
            } catch (DateTimeParseException e) {
                return false;
            }
        };
    }

    /**
     * Every line of the log's days from {@code firstDay} on, as one glob: {@code log/dt=*}{@code /*.jsonl} for every
     * day; otherwise the days as a brace list, which Hadoop reads as alternatives.
     */
    static String glob(String log, Optional<LocalDate> firstDay, LocalDate today) {
        String folder = log.endsWith("/") ? log.substring(0, log.length() - 1) : log;
        if (firstDay.isEmpty()) {
            return folder + "/dt=*/*.jsonl";
        }
        StringBuilder days = new StringBuilder();
        // Tomorrow too: the server takes events stamped up to five minutes ahead of its clock.
        for (LocalDate day = firstDay.get(); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
            days.append(days.isEmpty() ? "" : ",").append(day);
        }
        return folder + "/dt={" + days + "}/*.jsonl";
    }
}
