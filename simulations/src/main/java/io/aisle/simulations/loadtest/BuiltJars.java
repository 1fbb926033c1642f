package io.aisle.simulations.loadtest;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a jar another module of this checkout built, from where this module's own classes run. */
public final class BuiltJars {

    private BuiltJars() {
    }

    /**
     * The file {@code relativePath} (for example {@code serving/target/aisle-serving.jar}) in the first folder above
     * this class's jar (or classes folder) that has one; empty when none has, or the location is unknown.
     */
    public static Optional<Path> find(String relativePath) {
        try {
            Path here = Path.of(BuiltJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path folder = here.toAbsolutePath(); folder != null; folder = folder.getParent()) {
                Path jar = folder.resolve(relativePath);
                if (Files.isRegularFile(jar)) {
                    return Optional.of(jar);
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException unknownLocation) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
