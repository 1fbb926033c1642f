package io.aisle.serving.store;

import io.aisle.serving.tenancy.TenantId;
import io.aisle.vision.djl.RecognizerModel;
import java.util.Objects;
import java.util.Optional;

/**
 * The product recognizer each tenant's stores run: the approved version of the tenant's
 * {@value #MODEL} model in the registry, or none. Implementations are thread-safe and answer
 * from memory (models are loaded on the reload thread), so a store's owner thread may ask before
 * every batch.
 */
@FunctionalInterface
public interface TenantRecognizers {

    /** The registry's name of the model, as {@code train vision} publishes it. */
    String MODEL = "product-recognizer";

    /** No tenant has a recognizer: every store fuses by weight alone. */
    TenantRecognizers NONE = tenant -> Optional.empty();

    /** The tenant's live recognizer version, or empty when it has none approved. */
    Optional<Version> find(TenantId tenant);

    /**
     * One loaded version. Stores take their own recognizer from {@code model} (one per owner
     * thread); the model itself is shared.
     *
     * @param version the registry's version name, for example {@code v000002}
     */
    record Version(String version, RecognizerModel model) {
        public Version {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(model, "model");
        }
    }
}
