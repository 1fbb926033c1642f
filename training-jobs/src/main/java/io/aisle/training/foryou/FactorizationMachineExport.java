package io.aisle.training.foryou;

import io.aisle.recommender.foryou.FactorizationMachine;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.linalg.Matrix;

/** Converts Spark's FM model into the recommender's plain-Java {@link FactorizationMachine}. */
public final class FactorizationMachineExport {

    private FactorizationMachineExport() {
    }

    public static FactorizationMachine from(FMClassificationModel model) {
        Matrix factors = model.factors();
        int features = factors.numRows();
        int k = factors.numCols();
        double[] rowMajor = new double[features * k];
        for (int feature = 0; feature < features; feature++) {
            for (int f = 0; f < k; f++) {
                rowMajor[feature * k + f] = factors.apply(feature, f);
            }
        }
        return new FactorizationMachine(features, k, model.intercept(), model.linear().toArray(), rowMajor);
    }
}
