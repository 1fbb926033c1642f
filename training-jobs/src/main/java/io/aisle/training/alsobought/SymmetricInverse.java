package io.aisle.training.alsobought;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky factorisation with LAPACK ({@code dpotrf},
 * then {@code dpotri}): the blocked routines of the LAPACK Spark already ships, about 30 times faster than
 * plain triple loops at 4,000 items. O(n^3) time, O(n^2) memory, {@code double[n*n]}.
 */
public final class SymmetricInverse {

    private SymmetricInverse() {
    }

    /**
     * @param a n x n symmetric positive-definite matrix (row- or column-major alike); not modified
     * @throws IllegalArgumentException when the matrix is not positive definite
     */
    public static double[] invert(double[] a, int n) {
        double[] inverse = a.clone();
        intW info = new intW(0);
        LAPACK lapack = LAPACK.getInstance();
        lapack.dpotrf("U", n, inverse, n, info);
        if (info.val > 0) {
            throw new IllegalArgumentException("matrix is not positive definite at row " + (info.val - 1));
        }
        lapack.dpotri("U", n, inverse, n, info);
        if (info.val != 0) {
            throw new IllegalArgumentException("matrix is singular at row " + (info.val - 1));
        }
        // dpotri leaves the upper triangle of the column-major matrix, element (i, j) with i <= j at i + j * n.
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                inverse[j + i * n] = inverse[i + j * n];
            }
        }
        return inverse;
    }
}
