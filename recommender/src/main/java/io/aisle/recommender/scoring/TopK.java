package io.aisle.recommender.scoring;

/**
 * The {@code k} best (index, score) pairs seen so far, kept in a bounded min-heap on primitive arrays:
 * {@code offer} is O(log k) and allocates nothing, so scoring a catalogue of {@code n} items is
 * O(n log k). Ties keep the lower index, so results are deterministic.
 *
 * <p>Not thread-safe: one instance per scoring call (or per thread, {@link #reset()} between calls).
 */
public final class TopK {

    private final int capacity;
    private final int[] indices;
    private final double[] scores;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        this.capacity = k;
        this.indices = new int[k];
        this.scores = new double[k];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** Score below which an offer cannot enter, or negative infinity while the heap is not full. */
    public double threshold() {
        return size < capacity ? Double.NEGATIVE_INFINITY : scores[0];
    }

    public void offer(int index, double score) {
        if (size < capacity) {
            indices[size] = index;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(indices[0], scores[0], index, score)) {
            indices[0] = index;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Indices best first; leaves the heap empty. */
    public int[] drainIndices() {
        int[] out = new int[size];
        drainInto(out, null);
        return out;
    }

    /** Fills {@code outIndices} (and {@code outScores} when not null) best first; leaves the heap empty. */
    public void drainInto(int[] outIndices, double[] outScores) {
        for (int position = size - 1; position >= 0; position--) {
            outIndices[position] = indices[0];
            if (outScores != null) {
                outScores[position] = scores[0];
            }
            size--;
            indices[0] = indices[size];
            scores[0] = scores[size];
            siftDown(0);
        }
    }

    /** True when (ia, sa) ranks below (ib, sb): lower score, or equal score and higher index. */
    private static boolean worse(int ia, double sa, int ib, double sb) {
        return sa < sb || (sa == sb && ia > ib);
    }

    private void siftUp(int position) {
        while (position > 0) {
            int parent = (position - 1) >>> 1;
            if (!worse(indices[position], scores[position], indices[parent], scores[parent])) {
                return;
            }
            swap(position, parent);
            position = parent;
        }
    }

    private void siftDown(int position) {
        while (true) {
            int left = 2 * position + 1;
            if (left >= size) {
                return;
            }
            int smallest = left;
            int right = left + 1;
            if (right < size && worse(indices[right], scores[right], indices[left], scores[left])) {
                smallest = right;
            }
            if (!worse(indices[smallest], scores[smallest], indices[position], scores[position])) {
                return;
            }
            swap(position, smallest);
            position = smallest;
        }
    }

    private void swap(int a, int b) {
        int index = indices[a];
        indices[a] = indices[b];
        indices[b] = index;
        double score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
