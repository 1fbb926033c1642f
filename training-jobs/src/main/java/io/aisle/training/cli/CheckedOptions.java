package io.aisle.training.cli;

/** Options that refuse bad values before a run starts Spark or reads its input. */
interface CheckedOptions {

    /** @throws IllegalArgumentException naming the option, its bad value and what it must be */
    void check();

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + " but was " + value);
        }
    }

    /** {@code min <= value <= max}, or {@code min < value} when {@code openBelow}; NaN is out of every range. */
    static void inRange(String option, double value, double min, boolean openBelow, double max) {
        boolean above = openBelow ? value > min : value >= min;
        if (!(above && value <= max && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " must be " + (max == Double.POSITIVE_INFINITY
                    ? (openBelow ? "> " : ">= ") + format(min)
                    : "in " + (openBelow ? "(" : "[") + format(min) + ", " + format(max) + "]") + " but was " + value);
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
