package io.aisle.serving.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.eventlog.EventLogLayout;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestModels;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.KafkaBrokerExtension;
import io.aisle.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server at scale-out settings: {@code aisle.kafka-bootstrap} and {@code aisle.redis-url} set,
 * against a real in-process broker and a real redis-server.
 */
class KafkaModeTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    static Path home;

    private static RunningServer server;
    private static SignedHttp http;
    private static IssuedKey storefront;

    @BeforeAll
    static void start() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        storefront = tenants.key("acme", Role.STOREFRONT);
        TestModels models = new TestModels(home.resolve("registry"));
        models.registry().approve("acme", "for-you", models.publishForYou("acme", List.of("milk", "bread", "eggs")));
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.kafka-bootstrap", kafka.bootstrapServers());
        properties.put("aisle.redis-url", redis.uri());
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPostedPurchaseTravelsThroughKafkaAndRedisAndLeavesForYouWithinFiveSeconds() throws Exception {
        assertTrue(forYou().contains("\"item\":\"milk\""));
        HttpResponse<String> response = http.post(storefront, "/v1/events",
                "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"view\"},{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"purchase\"}]}");
        assertEquals(202, response.statusCode(), response.body());

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body = forYou();
        while (System.nanoTime() < deadline && body.contains("\"item\":\"milk\"")) {
            Thread.sleep(50);
            body = forYou();
        }

        assertTrue(body.startsWith("{\"items\":[{\"item\":\"bread\""), "the purchase must leave for-you within 5 s: " + body);
        try (RedisClient client = RedisClient.create(redis.uri()); StatefulRedisConnection<String, String> connection = client.connect()) {
            assertTrue(connection.sync().smembers("t:acme:u:u-1:bought").contains("milk"), "the history lives in Redis");
        }
        List<ConsumerRecord<String, String>> records = readTopic(2);
        assertEquals(List.of("acme:u-1", "acme:u-1"), records.stream().map(ConsumerRecord::key).toList());
        assertTrue(records.get(1).value().contains("\"type\":\"purchase\""), records.get(1).value());

        // The sink group writes the topic into the tenant's log: both events, once.
        Path log = server.context().getBean(EventLogLayout.class).tenantLog(new TenantId("acme"));
        while (System.nanoTime() < deadline + Duration.ofSeconds(20).toNanos() && logLines(log).size() < 2) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        assertEquals(records.stream().map(ConsumerRecord::value).sorted().toList(), logLines(log).stream().sorted().toList());
    }

    private static List<String> logLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(log)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    private static String forYou() {
        HttpResponse<String> response = http.get(storefront, "/v1/recommendations/for-you?user=u-1&k=3");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<ConsumerRecord<String, String>> readTopic(int expected) {
        Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(KafkaEventBus.TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
