package io.aisle.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Validates every manifest of {@code deploy/k8s} against the JSON schema of its kind
 * ({@code kubernetes-schemas/kubernetes.json}, written from the Kubernetes API reference and kept here, so
 * nothing is downloaded), and checks that the pieces fit: the Service, the budget and the autoscaler reach the
 * Deployment's pods, and the probes ask the server's actuator groups on the container's port.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path MANIFESTS = Path.of(System.getProperty("aisle.k8s.manifests", "../deploy/k8s"));
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, String> KIND_BY_FILE = Map.of(
            "deployment.yaml", "Deployment",
            "service.yaml", "Service",
            "hpa.yaml", "HorizontalPodAutoscaler",
            "pdb.yaml", "PodDisruptionBudget");

    @Test
    void everyManifestIsValidForItsKind() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(MANIFESTS)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(KIND_BY_FILE.keySet(), Set.copyOf(files.stream().map(file -> file.getFileName().toString()).toList()),
                "deploy/k8s holds one manifest per kind");
        for (Path file : files) {
            JsonNode manifest = YAML.readTree(file.toFile());
            String kind = KIND_BY_FILE.get(file.getFileName().toString());
            assertEquals(kind, manifest.path("kind").asText(), file + " kind");
            assertEquals(List.of(), messages(kind, manifest), file + " against the " + kind + " schema");
        }
    }

    @Test
    void refusesAFieldTheKindDoesNotHave() throws IOException {
        ObjectNode deployment = manifest("deployment.yaml");
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertTrue(messages("Deployment", deployment).stream().anyMatch(message -> message.contains("readinesProbe")),
                "a misspelt probe is refused: " + messages("Deployment", deployment));
    }

    @Test
    void refusesAProbeWithoutAHandlerOrWithTwo() throws IOException {
        ObjectNode deployment = manifest("deployment.yaml");
        ObjectNode probe = (ObjectNode) deployment.at("/spec/template/spec/containers/0/livenessProbe");
        JsonNode httpGet = probe.remove("httpGet");
        assertFalse(messages("Deployment", deployment).isEmpty(), "a probe with no handler is refused");

        probe.set("httpGet", httpGet);
        probe.putObject("tcpSocket").put("port", "http");
        assertFalse(messages("Deployment", deployment).isEmpty(), "a probe with two handlers is refused");
    }

    @Test
    void refusesAPodsMetricWithoutATarget() throws IOException {
        ObjectNode hpa = manifest("hpa.yaml");
        ((ObjectNode) hpa.at("/spec/metrics/1/pods")).remove("target");

        assertFalse(messages("HorizontalPodAutoscaler", hpa).isEmpty(), "a Pods metric needs its target");
    }

    @Test
    void refusesAMetricWhoseSourceIsNotTheOneItsTypeNames() throws IOException {
        ObjectNode hpa = manifest("hpa.yaml");
        ((ObjectNode) hpa.at("/spec/metrics/0")).put("type", "Pods");

        assertFalse(messages("HorizontalPodAutoscaler", hpa).isEmpty(), "type Pods with a resource source is refused");
    }

    @Test
    void refusesABudgetWithBothMinAvailableAndMaxUnavailable() throws IOException {
        ObjectNode pdb = manifest("pdb.yaml");
        ((ObjectNode) pdb.get("spec")).put("minAvailable", 2);

        assertFalse(messages("PodDisruptionBudget", pdb).isEmpty(), "the API server refuses both at once");
    }

    @Test
    void refusesAPercentageThatIsNotOne() throws IOException {
        ObjectNode pdb = manifest("pdb.yaml");
        ((ObjectNode) pdb.get("spec")).put("maxUnavailable", "one");

        assertFalse(messages("PodDisruptionBudget", pdb).isEmpty(), "maxUnavailable is a number or a percentage");
    }

    @Test
    void probesAskTheActuatorGroupsOnTheContainersHttpPort() throws IOException {
        JsonNode container = manifest("deployment.yaml").at("/spec/template/spec/containers/0");
        assertEquals("http", container.at("/ports/0/name").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt(), "the port the image exposes");
        assertEquals("/actuator/health/readiness", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/actuator/health/liveness", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/actuator/health/liveness", container.at("/startupProbe/httpGet/path").asText());
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe + " port");
        }
        assertTrue(container.at("/resources/requests/cpu").isTextual(), "CPU autoscaling needs a CPU request");
    }

    @Test
    void runsTheImageThisBuildMakesAsItsUnprivilegedUser() throws IOException {
        JsonNode pod = manifest("deployment.yaml").at("/spec/template/spec");
        assertEquals(System.getProperty("aisle.image.reference", "aisle:0.1.0-SNAPSHOT"),
                pod.at("/containers/0/image").asText());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals(10001, pod.at("/securityContext/runAsUser").asInt(), "the image's user aisle");
    }

    @Test
    void serviceBudgetAndAutoscalerReachTheDeploymentsPods() throws IOException {
        ObjectNode deployment = manifest("deployment.yaml");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertEquals(podLabels, deployment.at("/spec/selector/matchLabels"), "the Deployment selects its own pods");
        assertEquals(podLabels, manifest("service.yaml").at("/spec/selector"), "Service selector");
        assertEquals(podLabels, manifest("pdb.yaml").at("/spec/selector/matchLabels"), "budget selector");

        ObjectNode hpa = manifest("hpa.yaml");
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals(deployment.at("/metadata/name").asText(), hpa.at("/spec/scaleTargetRef/name").asText());
        assertEquals("http", manifest("service.yaml").at("/spec/ports/0/targetPort").asText(), "the container port's name");
        assertEquals("Resource", hpa.at("/spec/metrics/0/type").asText(), "first metric: CPU");
        assertEquals("Pods", hpa.at("/spec/metrics/1/type").asText(), "second metric: the request rate per pod");
        assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText());
        assertEquals("http_server_requests_per_second", hpa.at("/spec/metrics/1/pods/metric/name").asText());
    }

    private static ObjectNode manifest(String file) throws IOException {
        return (ObjectNode) YAML.readTree(MANIFESTS.resolve(file).toFile());
    }

    private static List<String> messages(String kind, JsonNode manifest) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:kubernetes-schemas/kubernetes.json#/$defs/" + kind));
        return schema.validate(manifest).stream().map(Error::toString).toList();
    }
}
