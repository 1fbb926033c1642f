package io.aisle.vision.djl;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;

/**
 * The small CNN of the built-in recognizer: three 3x3 convolution stages (16, 32, 64 channels)
 * with batch norm and ReLU, max-pooled twice, global average pooling and a linear layer to one
 * logit per class. About 25k parameters: enough for colour, pattern and label marks, and well
 * under a millisecond per crop on one CPU core at 32x32.
 */
final class CropClassifierNet {

    /** Names the architecture in saved models, so a model is only loaded into the block it was trained with. */
    static final String ARCHITECTURE = "aisle-crop-cnn-1";

    private CropClassifierNet() {
    }

    static Block build(int classCount) {
        SequentialBlock net = new SequentialBlock();
        stage(net, 16, true);
        stage(net, 32, true);
        stage(net, 64, false);
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(classCount).build());
        return net;
    }

    private static void stage(SequentialBlock net, int channels, boolean pool) {
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels).build());
        net.add(BatchNorm.builder().build());
        net.add(Activation::relu);
        if (pool) {
            net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
    }
}
