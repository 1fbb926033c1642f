package io.aisle.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the files tests read: fixtures a module commits under {@code src/test/resources}, and the real data
 * sets of {@code ../shared/data} beside the project, which a user's clone does not have.
 */
public final class DataFiles {

    /** Relative to the module folder, the working directory Maven runs tests in. */
    private static final Path SHARED_DATA = Path.of("..", "..", "shared", "data");

    private DataFiles() {
    }

    /**
     * A file or folder under {@code ../shared/data}, e.g. {@code "warehouse/pibt2-mapd-warehouse/warehouse.map"}.
     * Where it is absent the calling test is aborted, so JUnit reports it skipped with the missing path.
     */
    public static Path shared(String relative) {
        Path path = SHARED_DATA.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), () -> "needs " + path.toAbsolutePath().normalize()
                + " (../shared/data beside the project; absent in a plain clone)");
        return path;
    }

    /** A test resource on the class path as a file, e.g. {@code "warehouse/aisles.map"}. */
    public static Path resource(String name) {
        URL url = Thread.currentThread().getContextClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name + " on the class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("test resource " + name + " is not a file: " + url, e);
        }
    }
}
