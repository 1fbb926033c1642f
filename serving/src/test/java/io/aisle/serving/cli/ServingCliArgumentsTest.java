package io.aisle.serving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Values the serving commands would ignore, sign wrongly or fail on with a stack trace are refused with exit code 2
 * and one line; none of these runs starts a server.
 */
class ServingCliArgumentsTest {

    @TempDir
    Path home;

    private final StringWriter errors = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ServingCli.commandLine();
        cli.setErr(new PrintWriter(errors, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @BeforeEach
    void createATenant() {
        assertEquals(0, run("tenants", "--home", home.toString(), "create", "acme"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tenants --home HOME create acme | aisle tenants create: tenant acme exists already
            tenants --home HOME add-key nobody --roles storefront | aisle tenants add-key: unknown tenant nobody
            tenants --home HOME add-key acme --roles storefront --robot r1 | --robot applies to robot keys only (--roles robot)
            tenants --home HOME add-key acme --roles janitor | unknown role 'janitor'; use storefront, store-device, store-operator, robot, wms or admin
            tenants --home HOME revoke-key acme ak_none | aisle tenants revoke-key: tenant acme has no key ak_none
            sign --key-id k --secret s -X get http://127.0.0.1:8080/v1/version | --method must be one of GET, POST, PUT, PATCH, DELETE but was 'get'
            sign --key-id k --secret s /v1/version | URL must be an http(s) URL with a host, such as http://127.0.0.1:8080/v1/version, but was '/v1/version'
            sign --key-id k --secret s ftp://127.0.0.1/v1/version | URL must be an http(s) URL with a host
            serve --port 70000 | aisle serve: --port must be in [0, 65535] but was 70000
            demo --port -5 | aisle demo: --port must be in [0, 65535] but was -5
            models import acme fro-you --registry HOME/registry --from HOME | model must be one of also-bought, for-you, ranker, product-recognizer but was 'fro-you'
            """)
    void refusesWithExitCode2AndOneLine(String args, String message) {
        assertEquals(2, run(args.replace("HOME", home.toString()).split(" ")), errors.toString());
        assertTrue(errors.toString().contains(message), errors.toString());
        assertFalse(errors.toString().contains("\tat "), "no stack trace: " + errors);
    }

    @Test
    void refusedImportPublishesNothing() {
        run("models", "import", "acme", "fro-you", "--registry", home.resolve("registry").toString(), "--from", home.toString());
        assertFalse(Files.exists(home.resolve("registry")));
    }
}
