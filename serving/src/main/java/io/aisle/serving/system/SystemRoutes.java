package io.aisle.serving.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v1/ping}: answers {@code {"pong":true}} and does nothing else; the bare endpoint
 * that benchmarks compare against. {@code GET /v1/version}: the build's name and version.
 * {@code GET /v3/api-docs}: the OpenAPI description, which Swagger UI at {@code /swagger-ui.html}
 * shows. All public: they reveal no tenant data.
 */
@Configuration(proxyBeanMethods = false)
public class SystemRoutes {

    @Bean
    RouterFunction<ServerResponse> systemRouter(ObjectProvider<BuildProperties> build) {
        Map<String, Object> pong = Map.of("pong", true);
        // Read once here: reading a resource from the jar per request would block the event loop.
        byte[] openApi = readOpenApi();
        Map<String, Object> versionBody = Map.of(
                "name", "aisle",
                "version", build.stream().map(BuildProperties::getVersion).findFirst().orElse("unknown"),
                "java", System.getProperty("java.version"));
        return RouterFunctions.route()
                .GET("/v1/ping", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(pong))
                .GET("/v1/version", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(versionBody))
                .GET("/v3/api-docs", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(openApi))
                .build();
    }

    private static byte[] readOpenApi() {
        try (InputStream in = new ClassPathResource("openapi.json").getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.json is missing from the build", e);
        }
    }
}
