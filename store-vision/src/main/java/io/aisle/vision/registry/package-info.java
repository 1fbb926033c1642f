/**
 * Publishing a trained model folder to the model registry layout
 * {@code {registry}/{tenant}/{model}/{version}/}: the files, a manifest with a SHA-256 of each,
 * written to a staging folder and renamed into place so a version appears whole or not at all.
 */
package io.aisle.vision.registry;
