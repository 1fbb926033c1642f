package io.aisle.recommender.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A version whose manifest was read and whose files all matched their checksums at load time.
 *
 * @param folder the version folder; read the model files named in the manifest from here
 */
public record VerifiedVersion(Manifest manifest, Path folder) {

    public VerifiedVersion {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(folder, "folder");
    }

    public Path file(String name) {
        if (!manifest.files().containsKey(name)) {
            throw new ModelRegistryException("version " + manifest.version() + " of " + manifest.tenant() + "/"
                    + manifest.model() + " has no file '" + name + "'");
        }
        return folder.resolve(name);
    }
}
