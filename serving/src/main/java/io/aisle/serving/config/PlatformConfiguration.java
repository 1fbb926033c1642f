package io.aisle.serving.config;

import io.aisle.serving.admin.KeysHandler;
import io.aisle.serving.idempotency.IdempotencyFilter;
import io.aisle.serving.idempotency.IdempotencyStore;
import io.aisle.serving.idempotency.InMemoryIdempotencyStore;
import io.aisle.serving.quota.LocalTenantQuotas;
import io.aisle.serving.quota.TenantBulkhead;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisHealthIndicator;
import io.aisle.serving.redis.RedisIdempotencyStore;
import io.aisle.serving.redis.RedisRequestAdmission;
import io.aisle.serving.security.InMemoryReplayGuard;
import io.aisle.serving.security.LocalRequestAdmission;
import io.aisle.serving.security.RequestAdmission;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.FileTenantDirectory;
import io.aisle.serving.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform beans: tenancy, the request gate, quotas. Embedded adapters by default; with
 * {@code aisle.redis-url} set, Redis-backed ones that fall back to the embedded ones.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AisleProperties.class)
public class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Boot's mapper builder, on a factory whose buffers are kept per thread. With Jackson 3's default pool, a
     * buffer is reused only once it is released, and the WebFlux encoder never releases it: every response
     * allocated 12 KB of fresh buffers, a third of all the server allocated under load.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        // Answers carry scores as doubles, and Jackson's default writes them with JDK 17's slow
        // Double.toString; its Schubfach writer gives the shortest digits that read back to the same double.
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build());
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    @Bean
    FileTenantDirectory tenantDirectory(AisleProperties properties, Clock clock) {
        return new FileTenantDirectory(properties.home().resolve("tenants.json"),
                MasterKeys.cipher(properties.masterKey(), properties.home()), clock);
    }

    @Bean
    BackgroundTask tenantFileWatcher(FileTenantDirectory directory) {
        return new BackgroundTask("aisle-tenant-file", Duration.ofSeconds(1), directory::reloadIfChanged);
    }

    /** Present only when {@code aisle.redis-url} is set; closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${aisle.redis-url:}'.isBlank()")
    RedisConnections redisConnections(AisleProperties properties) {
        return new RedisConnections(properties.redisUrl());
    }

    /** Named {@code redis} in the health groups; in-memory mode has nothing to wait for. */
    @Bean
    ReactiveHealthIndicator redisHealthIndicator(AisleProperties properties, ObjectProvider<RedisConnections> redis) {
        RedisConnections connections = redis.getIfAvailable();
        return connections == null ? () -> Mono.just(Health.up().withDetail("mode", "in-memory").build())
                : new RedisHealthIndicator(connections, properties.redisRequired());
    }

    @Bean
    IdempotencyStore idempotencyStore(Clock clock, ObjectProvider<RedisConnections> redis) {
        IdempotencyStore local = new InMemoryIdempotencyStore(clock);
        RedisConnections connections = redis.getIfAvailable();
        return connections == null ? local : new RedisIdempotencyStore(connections, local);
    }

    @Bean
    IdempotencyFilter idempotencyFilter(IdempotencyStore store, JsonMapper json) {
        return new IdempotencyFilter(store, json);
    }

    @Bean
    RequestAdmission requestAdmission(AisleProperties properties, Clock clock, ObjectProvider<RedisConnections> redis) {
        AisleProperties.Quota quota = properties.quota();
        RequestAdmission local = new LocalRequestAdmission(new LocalTenantQuotas(quota.requestsPerSecond(), quota.burst()),
                new InMemoryReplayGuard(clock));
        RedisConnections connections = redis.getIfAvailable();
        return connections == null ? local
                : new RedisRequestAdmission(connections, quota.requestsPerSecond(), quota.burst(), local);
    }

    @Bean
    TenantBulkhead tenantBulkhead(AisleProperties properties) {
        return new TenantBulkhead(properties.maxConcurrentPerTenant());
    }

    @Bean
    TenantBulkhead tenantStreams(AisleProperties properties) {
        return new TenantBulkhead(properties.maxStreamsPerTenant());
    }

    @Bean
    RouterFunction<ServerResponse> adminRouter(KeysHandler keys) {
        return keys.routes();
    }

    @Bean
    SignedRequestFilter signedRequestFilter(TenantDirectory directory, RequestAdmission admission,
            TenantBulkhead tenantBulkhead, TenantBulkhead tenantStreams, AisleProperties properties, Clock clock) {
        return new SignedRequestFilter(directory, admission, tenantBulkhead, tenantStreams, properties, clock);
    }
}
