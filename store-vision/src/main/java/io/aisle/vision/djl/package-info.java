/**
 * The product recognizer on DJL's PyTorch engine: a small CNN trained on rendered crops, its
 * saved form, bring-your-own TorchScript models, and the {@code ProductRecognizer} built on a
 * per-thread {@code Predictor}. Tensors stay inside this package.
 */
package io.aisle.vision.djl;
