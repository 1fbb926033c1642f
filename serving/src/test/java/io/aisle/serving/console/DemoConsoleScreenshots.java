package io.aisle.serving.console;

import io.aisle.client.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Screenshots of the console of a running {@code ./aisle demo}, logged in with the one-time login it printed:
 * {@code docs/console/models.png} shows the demo tenant's trained models with their evaluation reports and the
 * latency of the variant that served a few also-bought calls made first.
 *
 * <p>{@code java -cp <serving test class path> io.aisle.serving.console.DemoConsoleScreenshots BASE_URL KEY_ID SECRET ITEM [FOLDER]}
 */
public final class DemoConsoleScreenshots {

    private DemoConsoleScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: DemoConsoleScreenshots BASE_URL KEY_ID SECRET ITEM [FOLDER]");
            System.exit(2);
        }
        String base = args[0];
        String keyId = args[1];
        String secret = args[2];
        Path folder = Path.of(args.length > 4 ? args[4] : "docs/console");
        callAlsoBought(base, keyId, secret, args[3], 20);
        Path profile = Files.createTempDirectory("console-demo-profile");
        try (ConsoleBrowser console = ConsoleBrowser.start(base, profile)) {
            console.login(keyId, secret, "#/models");
            console.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model-also-bought tr[data-version]")));
            console.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model-for-you tr[data-version]")));
            console.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#variant-latency tr[data-endpoint='also-bought']")));
            Number height = (Number) console.script("return document.documentElement.scrollHeight");
            console.screenshot(folder, "models", new Dimension(1400, Math.min(3000, height.intValue() + 120)));
        }
        System.out.println("wrote " + folder.resolve("models.png"));
    }

    private static void callAlsoBought(String base, String keyId, String secret, String item, int calls) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int call = 0; call < calls; call++) {
            URI uri = URI.create(base + "/v1/recommendations/also-bought?item=" + item + "&k=5&user=u" + call);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            new RequestSigner(keyId, secret).sign("GET", uri.getHost() + ":" + uri.getPort(), uri.getRawPath(), uri.getRawQuery(),
                    new byte[0], Instant.now()).forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("also-bought answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}
