package io.aisle.simulations.cli;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The running server a command drives and the key it signs with (a picocli mixin), and how the server's refusals
 * are reported.
 */
final class ServerOptions {

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "Server URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--key-id", defaultValue = "${env:AISLE_KEY_ID}", required = true, description = "Key id (default: AISLE_KEY_ID).")
    String keyId;

    @Option(names = "--secret", defaultValue = "${env:AISLE_KEY_SECRET}", required = true, description = "Key secret (default: AISLE_KEY_SECRET).")
    String secret;

    /** Refuses (exit code 2) a server that is not an absolute http(s) URL with a host. */
    void requireHttpUrl(CommandSpec spec) {
        if (server.getHost() == null || !("http".equals(server.getScheme()) || "https".equals(server.getScheme()))) {
            throw new ParameterException(spec.commandLine(), "--server must be an http(s) URL such as http://127.0.0.1:8080"
                    + " but was '" + server + "'");
        }
    }

    /**
     * Runs {@code body}; a server that cannot be reached or refuses a request ends it with the server's answer on
     * stderr and exit code 1, not a stack trace.
     */
    int run(Callable<Integer> body) throws InterruptedException {
        try {
            return body.call();
        } catch (UncheckedIOException e) {
            System.err.println("aisle: " + e.getMessage() + " (is the server running at " + server + "?)");
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("aisle: " + e.getMessage());
            return 1;
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
