package io.aisle.recommender.scoring;

/**
 * A catalogue-sized int table per thread, all zeros between uses: a request marks the few entries it
 * touches and clears them before it returns, instead of allocating a catalogue-sized array or boxing
 * its entries into a map. Each use site keeps its own instance, so two of them never share a table.
 */
public final class PerThreadIntTable {

    private final ThreadLocal<int[]> tables = ThreadLocal.withInitial(() -> new int[0]);

    /** All zeros, at least {@code size} long; the caller must set back to zero every entry it changed. */
    public int[] zeroed(int size) {
        int[] table = tables.get();
        if (table.length < size) {
            table = new int[size];
            tables.set(table);
        }
        return table;
    }
}
