package io.aisle.vision.tracking;

import java.util.Arrays;

/**
 * Minimum-cost assignment of rows to columns (the Hungarian method with potentials, O(n²m) for
 * n rows and m columns; Kuhn 1955, Munkres 1957). Stateless and thread-safe.
 *
 * <p>Worked example: costs {@code [[4, 1], [2, 3]]} give row 0 → column 1 and row 1 → column 0,
 * total 3, where the greedy choice of the first row's cheapest column would also be optimal; with
 * {@code [[1, 2], [1, 9]]} greedy takes (0,0) and is forced into (1,1) at total 10, while the
 * optimum is (0,1), (1,0) at total 3.
 */
public final class HungarianAssignment {

    private HungarianAssignment() {
    }

    /**
     * @param cost {@code cost[row][column]}, finite, rectangular
     * @param maxCost pairs costing more than this are never returned (gating)
     * @return for each row its column, or -1 when the row is unassigned
     */
    public static int[] assign(double[][] cost, double maxCost) {
        int rows = cost.length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || cost[0].length == 0) {
            return result;
        }
        int columns = cost[0].length;
        // A gated pair costs more than any set of allowed pairs, so the optimum first maximises the
        // number of allowed pairs and then minimises their total cost.
        double penalty = 1 + Math.max(1, maxCost) * (Math.min(rows, columns) + 1) * 2;
        boolean transpose = rows > columns;
        int n = transpose ? columns : rows;
        int m = transpose ? rows : columns;
        double[][] a = new double[n][m];
        for (int i = 0; i < rows; i++) {
            if (cost[i].length != columns) {
                throw new IllegalArgumentException("cost must be rectangular but row " + i + " has "
                        + cost[i].length + " columns, not " + columns);
            }
            for (int j = 0; j < columns; j++) {
                double c = cost[i][j];
                if (Double.isNaN(c)) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] is NaN");
                }
                double gated = c > maxCost ? penalty : c;
                if (transpose) {
                    a[j][i] = gated;
                } else {
                    a[i][j] = gated;
                }
            }
        }
        int[] columnOfRow = solve(a, n, m);
        for (int r = 0; r < n; r++) {
            int c = columnOfRow[r];
            int row = transpose ? c : r;
            int column = transpose ? r : c;
            if (cost[row][column] <= maxCost) {
                result[row] = column;
            }
        }
        return result;
    }

    /** Assigns every one of n rows to a distinct one of m ≥ n columns at minimum total cost. */
    private static int[] solve(double[][] a, int n, int m) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] rowOfColumn = new int[m + 1]; // 1-based row, 0 = free; column 0 is a sentinel.
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            rowOfColumn[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = rowOfColumn[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfColumn[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] columnOfRow = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfColumn[j] != 0) {
                columnOfRow[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return columnOfRow;
    }
}
