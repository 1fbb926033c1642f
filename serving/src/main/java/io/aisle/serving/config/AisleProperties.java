package io.aisle.serving.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisle.*} settings of application.yml.
 *
 * @param redisUrl empty: in-memory state; otherwise a Lettuce URI such as {@code redis://host:6379}
 * @param redisRequired true: readiness is DOWN while Redis does not answer; false: the replica serves from
 *     its own memory meanwhile (nonces and quotas per replica, histories from the near cache)
 * @param kafkaBootstrap empty: in-process bus; otherwise Kafka bootstrap servers
 * @param home folder for embedded state: tenants file, generated master key, model registry
 * @param masterKey base64 of 32 bytes that encrypts key secrets; empty: {@code home/master.key}, created once
 * @param maxBodyBytes request bodies above this answer 413
 * @param maxClockSkew signed requests dated further from the server clock answer 401
 * @param quota token bucket per tenant and role
 * @param maxConcurrentPerTenant requests of one tenant in flight at once; more answer 429
 * @param maxStreamsPerTenant event streams and long polls of one tenant open at once; more answer 429
 * @param registry the model registry folder; empty: {@code home/registry}
 * @param modelReloadInterval how often approved model versions are checked and swapped in
 */
@ConfigurationProperties("aisle")
public record AisleProperties(
        @DefaultValue("") String redisUrl,
        @DefaultValue("false") boolean redisRequired,
        @DefaultValue("") String kafkaBootstrap,
        @DefaultValue(".aisle") Path home,
        @DefaultValue("") String masterKey,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue Quota quota,
        @DefaultValue("64") int maxConcurrentPerTenant,
        @DefaultValue("256") int maxStreamsPerTenant,
        @DefaultValue("") String registry,
        @DefaultValue("2s") Duration modelReloadInterval) {

    /**
     * @param requestsPerSecond sustained rate per tenant and role
     * @param burst bucket capacity: requests allowed at once after a quiet period
     */
    public record Quota(@DefaultValue("2000") long requestsPerSecond, @DefaultValue("4000") long burst) {
    }

    public Path registryOrDefault() {
        return registry.isBlank() ? home.resolve("registry") : Path.of(registry);
    }

    public boolean redisEnabled() {
        return !redisUrl.isBlank();
    }

    public boolean kafkaEnabled() {
        return !kafkaBootstrap.isBlank();
    }
}
