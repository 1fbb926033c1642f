package io.aisle.serving.store;

import io.aisle.fusion.layout.StoreLayout;
import java.util.Objects;
import java.util.Optional;

/**
 * A store known to the registry: its layout and, once registered, its cameras. Immutable; the
 * registry swaps in a new value when cameras are added.
 */
public record RegisteredStore(StoreKey key, StoreLayout layout, String layoutJson, Optional<CameraSetup> cameras) {

    public RegisteredStore {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(layoutJson, "layoutJson");
        Objects.requireNonNull(cameras, "cameras");
    }

    public RegisteredStore withCameras(CameraSetup setup) {
        return new RegisteredStore(key, layout, layoutJson, Optional.of(setup));
    }
}
