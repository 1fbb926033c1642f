package io.aisle.recommender.registry;

/**
 * A registry operation that cannot succeed: an unknown tenant, model or version, a corrupt or partial
 * version, or a file system failure. The message names the version and, when it applies, the file.
 */
public final class ModelRegistryException extends RuntimeException {

    public ModelRegistryException(String message) {
        super(message);
    }

    public ModelRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
