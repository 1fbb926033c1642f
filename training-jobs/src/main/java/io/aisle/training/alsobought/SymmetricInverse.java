package io.aisle.training.alsobought;

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky factorisation, {@code A = L L^T}, then
 * {@code A^-1 = L^-T L^-1}. O(n^3) time, O(n^2) memory, row-major {@code double[n*n]}.
 */
final class SymmetricInverse {

    private SymmetricInverse() {
    }

    /**
     * @param a row-major n x n symmetric positive-definite matrix; not modified
     * @throws IllegalArgumentException when the matrix is not positive definite
     */
    static double[] invert(double[] a, int n) {
        double[] l = cholesky(a, n);
        // Invert the lower-triangular L in place into m = L^-1 (also lower triangular).
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1.0 / l[i * n + i];
            for (int j = 0; j < i; j++) {
                double sum = 0;
                for (int k = j; k < i; k++) {
                    sum -= l[i * n + k] * m[k * n + j];
                }
                m[i * n + j] = sum / l[i * n + i];
            }
        }
        // A^-1 = M^T M; only k >= max(i, j) contributes because M is lower triangular.
        double[] inverse = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = i; k < n; k++) {
                    sum += m[k * n + i] * m[k * n + j];
                }
                inverse[i * n + j] = sum;
                inverse[j * n + i] = sum;
            }
        }
        return inverse;
    }

    /**
     * Solves {@code A x = b} for symmetric positive-definite A by forward and back substitution on its
     * Cholesky factor.
     *
     * @param a row-major n x n; only the diagonal and the lower triangle are read; not modified
     * @throws IllegalArgumentException when the matrix is not positive definite
     */
    static double[] solve(double[] a, double[] b, int n) {
        double[] l = cholesky(a, n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * n + k] * y[k];
            }
            y[i] = sum / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k * n + i] * x[k];
            }
            x[i] = sum / l[i * n + i];
        }
        return x;
    }

    /** The lower-triangular L with {@code A = L L^T}; reads the diagonal and the lower triangle of A. */
    private static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j * n + k] * l[j * n + k];
            }
            if (!(diagonal > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite at row " + j);
            }
            double ljj = Math.sqrt(diagonal);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = sum / ljj;
            }
        }
        return l;
    }
}
