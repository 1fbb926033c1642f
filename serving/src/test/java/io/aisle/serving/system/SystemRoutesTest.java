package io.aisle.serving.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.testing.RunningServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.json.JsonMapper;

class SystemRoutesTest {

    private static RunningServer server;

    @BeforeAll
    static void startServer() {
        server = RunningServer.start(Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void healthIsUpOnEmbeddedDefaults() {
        HttpResponse<String> response = server.get("/actuator/health");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
    }

    @Test
    void pingAnswersPong() {
        HttpResponse<String> response = server.get("/v1/ping");

        assertEquals(200, response.statusCode());
        assertEquals("{\"pong\":true}", response.body());
    }

    @Test
    void versionNamesTheBuild() {
        HttpResponse<String> response = server.get("/v1/version");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"version\":\"0.1.0-SNAPSHOT\""), response.body());
    }

    @Test
    void servesTheOpenApiDescriptionAndSwaggerUi() {
        HttpResponse<String> docs = server.get("/v3/api-docs");

        assertEquals(200, docs.statusCode());
        assertTrue(docs.body().contains("\"/v1/recommendations/for-you\""), docs.body());
        assertTrue(docs.body().contains("\"/v1/warehouses/{warehouse}/blocked-cells/{cell}\""), docs.body());
        assertEquals(200, server.get("/swagger-ui/index.html").statusCode(), "Swagger UI");
    }

    @Test
    void exposesPrometheusMetrics() {
        HttpResponse<String> metrics = server.get("/actuator/prometheus");

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "prometheus text format");
    }

    @Test
    void livenessAndReadinessProbesAreExposed() {
        assertEquals(200, server.get("/actuator/health/liveness").statusCode());
        assertEquals(200, server.get("/actuator/health/readiness").statusCode());
    }

    @Test
    void theResponseEncoderReusesBuffersItNeverGaveBack() {
        TokenStreamFactory factory = responseEncoder().getMapper().tokenStreamFactory();

        // The encoder takes a buffer recycler per response and does not release it; only a per-thread pool
        // hands the same one out again.
        assertSame(factory._getBufferRecycler(), factory._getBufferRecycler());
    }

    @Test
    void theResponseEncoderWritesScoresWithTheShortestDigits() {
        JsonMapper mapper = (JsonMapper) responseEncoder().getMapper();

        assertTrue(mapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
        assertEquals("[0.30000000000000004,1.0E-5,-2.5]", mapper.writeValueAsString(new double[] {0.1 + 0.2, 1e-5, -2.5}));
    }

    private JacksonJsonEncoder responseEncoder() {
        return server.context().getBean(ServerCodecConfigurer.class).getWriters().stream()
                .filter(EncoderHttpMessageWriter.class::isInstance)
                .map(writer -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .filter(JacksonJsonEncoder.class::isInstance).map(JacksonJsonEncoder.class::cast)
                .findFirst().orElseThrow();
    }
}
