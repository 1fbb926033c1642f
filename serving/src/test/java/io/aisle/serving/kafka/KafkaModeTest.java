package io.aisle.serving.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.events.UserHistory;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.KafkaBrokerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server with {@code aisle.kafka-bootstrap} set, against a real in-process broker. */
class KafkaModeTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

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
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.kafka-bootstrap", kafka.bootstrapServers());
        server = RunningServer.start(properties);
        http = new SignedHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPostedPurchaseTravelsThroughKafkaKeyedByTenantAndUserIntoTheHistoryWithinFiveSeconds() throws Exception {
        HttpResponse<String> response = http.post(storefront, "/v1/events",
                "{\"events\":[{\"user\":\"u-5\",\"item\":\"milk\",\"type\":\"view\"},{\"user\":\"u-5\",\"item\":\"milk\",\"type\":\"purchase\"}]}");
        assertEquals(202, response.statusCode(), response.body());

        UserHistoryStore histories = server.context().getBean(UserHistoryStore.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        UserHistory history = UserHistory.EMPTY;
        while (System.nanoTime() < deadline && !history.purchased().contains("milk")) {
            Thread.sleep(50);
            history = histories.find(new TenantId("acme"), "u-5").block();
        }

        assertTrue(history.purchased().contains("milk"), "the purchase must be applied from Kafka within 5 s");
        List<ConsumerRecord<String, String>> records = readTopic(2);
        assertEquals(List.of("acme:u-5", "acme:u-5"), records.stream().map(ConsumerRecord::key).toList());
        assertTrue(records.get(1).value().contains("\"type\":\"purchase\""), records.get(1).value());
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
