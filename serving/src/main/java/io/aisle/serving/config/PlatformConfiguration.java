package io.aisle.serving.config;

import io.aisle.serving.admin.KeysHandler;
import io.aisle.serving.quota.LocalTenantQuotas;
import io.aisle.serving.quota.TenantBulkhead;
import io.aisle.serving.quota.TenantQuotas;
import io.aisle.serving.security.InMemoryReplayGuard;
import io.aisle.serving.security.ReplayGuard;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.FileTenantDirectory;
import io.aisle.serving.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The platform beans: tenancy, the request gate, quotas. Embedded adapters by default; the
 * Redis-backed ones replace them when {@code aisle.redis-url} is set (see {@code RedisConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AisleProperties.class)
public class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
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

    @Bean
    ReplayGuard replayGuard(Clock clock) {
        return new InMemoryReplayGuard(clock);
    }

    @Bean
    TenantQuotas tenantQuotas(AisleProperties properties) {
        return new LocalTenantQuotas(properties.quota().requestsPerSecond(), properties.quota().burst());
    }

    @Bean
    TenantBulkhead tenantBulkhead(AisleProperties properties) {
        return new TenantBulkhead(properties.maxConcurrentPerTenant());
    }

    @Bean
    RouterFunction<ServerResponse> adminRouter(KeysHandler keys) {
        return keys.routes();
    }

    @Bean
    SignedRequestFilter signedRequestFilter(TenantDirectory directory, ReplayGuard replayGuard, TenantQuotas quotas,
            TenantBulkhead bulkhead, AisleProperties properties, Clock clock) {
        return new SignedRequestFilter(directory, replayGuard, quotas, bulkhead, properties, clock);
    }
}
