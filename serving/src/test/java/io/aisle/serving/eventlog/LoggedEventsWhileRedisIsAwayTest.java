package io.aisle.serving.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.RunningServer;
import io.aisle.serving.testing.SignedHttp;
import io.aisle.serving.testing.TestTenants;
import io.aisle.testing.RedisServerExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis mode without Kafka: the server's own log is the record of accepted events, and the user histories in Redis
 * are derived from it. A batch the log holds is answered 202 even when Redis cannot take its histories, since an
 * error would make the client send it again and the log hold it twice.
 */
class LoggedEventsWhileRedisIsAwayTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    Path home;

    @Test
    void aBatchTheLogHoldsIsAcceptedOnceWhileRedisCannotTakeItsHistories() {
        TestTenants tenants = new TestTenants(home);
        tenants.create("acme");
        IssuedKey storefront = tenants.key("acme", Role.STOREFRONT);
        Map<String, Object> properties = new HashMap<>(tenants.serverProperties());
        properties.put("aisle.redis-url", redis.uri());
        try (RunningServer server = RunningServer.start(properties)) {
            SignedHttp http = new SignedHttp(server);
            EventLogLayout layout = server.context().getBean(EventLogLayout.class);
            String before = "{\"events\":[{\"user\":\"u-1\",\"item\":\"milk\",\"type\":\"view\",\"ts\":\"2026-03-01T10:00:00Z\"}]}";
            assertEquals(202, http.post(storefront, "/v1/events", before).statusCode());

            redis.stop();
            try {
                HttpResponse<String> during = http.post(storefront, "/v1/events",
                        "{\"events\":[{\"user\":\"u-1\",\"item\":\"jam\",\"type\":\"purchase\",\"ts\":\"2026-03-01T11:00:00Z\",\"order\":\"o-1\"}]}");
                assertEquals(202, during.statusCode(), during.body());
            } finally {
                redis.start();
            }

            List<String> logged = EventLogFixtures.readLog(layout.tenantLog(new TenantId("acme"))).stream()
                    .map(event -> event.item()).toList();
            assertEquals(List.of("milk", "jam"), logged, "each batch is in the log once");
        }
    }
}
