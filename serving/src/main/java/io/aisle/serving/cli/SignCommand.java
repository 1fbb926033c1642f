package io.aisle.serving.cli;

import io.aisle.client.RequestSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./aisle sign}: prints a curl command carrying a fresh AISLE-HMAC-SHA256 signature. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Print a curl-ready signed request. The signature is valid for 5 minutes and once.")
final class SignCommand implements Callable<Integer> {

    /** HTTP methods are case-sensitive: a signature over "get" matches no request the server routes. */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Option(names = "--key-id", defaultValue = "${env:AISLE_KEY_ID}", required = true,
            description = "Key id (default: AISLE_KEY_ID).")
    String keyId;

    @Option(names = "--secret", defaultValue = "${env:AISLE_KEY_SECRET}", required = true,
            description = "Key secret (default: AISLE_KEY_SECRET).")
    String secret;

    @Option(names = {"-X", "--method"}, defaultValue = "GET", description = "HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-d", "--data"}, description = "JSON body to send.")
    String data;

    @Parameters(paramLabel = "URL", description = "Full URL, for example http://127.0.0.1:8080/v1/recommendations/also-bought?item=milk")
    URI url;

    @Override
    public Integer call() {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("--method must be one of " + String.join(", ", METHODS) + " but was '" + method + "'");
        }
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("URL must be an http(s) URL with a host, such as"
                    + " http://127.0.0.1:8080/v1/version, but was '" + url + "'");
        }
        byte[] body = data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
        String host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        Map<String, String> headers = new RequestSigner(keyId, secret)
                .sign(method, host, url.getRawPath(), url.getRawQuery(), body, Instant.now());
        StringBuilder curl = new StringBuilder("curl -sS -X ").append(method);
        headers.forEach((name, value) -> curl.append(" \\\n  -H '").append(name).append(": ").append(value).append('\''));
        if (data != null) {
            curl.append(" \\\n  -H 'Content-Type: application/json' --data-raw '").append(data.replace("'", "'\\''")).append('\'');
        }
        curl.append(" \\\n  '").append(url).append('\'');
        System.out.println(curl);
        return 0;
    }
}
