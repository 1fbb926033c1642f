package io.aisle.simulations.testing;

import io.aisle.simulations.loadtest.ChildProcess;
import io.aisle.simulations.loadtest.ServingInstallation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real server started from the built serving jar on a free loopback port, with a fresh home under
 * {@code target/} and tenant {@code demo} holding one key with the given roles. {@link #close()} stops exactly that
 * process. In a reactor build the simulations tests run before serving is packaged, so callers skip when
 * {@link #available()} is false.
 */
public final class RunningServing implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ChildProcess process;
    private final URI base;
    private final ServingInstallation.TenantKey key;

    private RunningServing(ChildProcess process, URI base, ServingInstallation.TenantKey key) {
        this.process = process;
        this.base = base;
        this.key = key;
    }

    public static boolean available() {
        return ServingInstallation.locate(Optional.empty()).isPresent();
    }

    /** @param roles comma-separated roles of the tenant's key */
    public static RunningServing start(String roles) throws IOException, InterruptedException {
        ServingInstallation installation = ServingInstallation.locate(Optional.empty())
                .orElseThrow(() -> new IllegalStateException("serving/target/aisle-serving.jar is not built"));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path home = Files.createTempDirectory(target.toAbsolutePath(), "live-server-");
        Map<String, String> environment = ServingInstallation.environment(home, Optional.empty());
        ServingInstallation.TenantKey key = installation.createKey(home, "demo", roles, environment);
        int port = ServingInstallation.freeLoopbackPort();
        ChildProcess process = installation.startServer(port, "768m", environment, home.resolve("server.log"));
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            ServingInstallation.awaitHealthy(process, base, START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
        return new RunningServing(process, base, key);
    }

    public URI base() {
        return base;
    }

    public String keyId() {
        return key.keyId();
    }

    public String secret() {
        return key.secret();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
