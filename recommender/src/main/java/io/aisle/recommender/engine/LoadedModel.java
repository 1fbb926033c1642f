package io.aisle.recommender.engine;

import io.aisle.recommender.registry.Manifest;
import java.util.Objects;

/** A model object with the manifest of the registry version it was loaded from. */
public record LoadedModel<T>(T model, Manifest manifest) {

    public LoadedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(manifest, "manifest");
    }

    public String version() {
        return manifest.version();
    }
}
