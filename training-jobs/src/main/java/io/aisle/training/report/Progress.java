package io.aisle.training.report;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/** Prints numbered progress steps with the elapsed time, to stderr so stdout keeps the summary. */
public final class Progress {

    /** Prints nothing; for nested runs and tests. */
    public static final Progress SILENT = new Progress(null, Clock.systemUTC());

    private final PrintStream out;
    private final Clock clock;
    private final long startMillis;
    private int step;

    public Progress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.startMillis = clock.millis();
    }

    public void step(String what) {
        step++;
        if (out != null) {
            out.printf(Locale.ROOT, "[%6.1fs] %d. %s%n", elapsedSeconds(), step, what);
        }
    }

    public void note(String what) {
        if (out != null) {
            out.printf(Locale.ROOT, "[%6.1fs]    %s%n", elapsedSeconds(), what);
        }
    }

    public double elapsedSeconds() {
        return (clock.millis() - startMillis) / 1000.0;
    }
}
