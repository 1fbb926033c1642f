package io.aisle.serving.store;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.serving.config.AisleProperties;
import io.aisle.serving.recommendations.ModelDeployments;
import io.aisle.serving.recommendations.VariantPlans;
import io.aisle.serving.redis.RedisCheckpointStore;
import io.aisle.serving.redis.RedisConnections;
import io.aisle.serving.redis.RedisStoreFeed;
import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.store.kafka.KafkaStoreWorker;
import io.aisle.serving.store.kafka.StoreTopic;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.frame.FrameLimits;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The checkout-free store endpoints and their owners. Embedded (no {@code aisle.kafka-bootstrap}):
 * one thread per store applies its inputs. Kafka mode: inputs go to {@code aisle.stores.topic}
 * and a {@link KafkaStoreWorker} in this process joins the store consumer group. With
 * {@code aisle.redis-url} too, checkpoints live in Redis and the owners publish carts and
 * receipts there, so any server answers any store's reads; without it, checkpoints are files
 * under {@code {aisle.home}/store-checkpoints} and reads answer on the owning server only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreConfiguration {

    @Bean
    StoreRegistry storeRegistry(AisleProperties properties) {
        return new StoreRegistry(properties.home().resolve("stores"));
    }

    /** Kafka and Redis mode only: carts and receipts shared by every server. */
    @Bean
    @ConditionalOnExpression("!'${aisle.redis-url:}'.isBlank() && !'${aisle.kafka-bootstrap:}'.isBlank()")
    RedisStoreFeed redisStoreFeed(RedisConnections redis, StoreProperties stores) {
        return new RedisStoreFeed(redis, stores.maxReceiptsPerStore());
    }

    @Bean
    StoreFeeds storeFeeds(StoreProperties stores, ObjectProvider<RedisStoreFeed> shared) {
        RedisStoreFeed redis = shared.getIfAvailable();
        return redis == null ? new StoreFeeds(stores.maxReceiptsPerStore())
                : new StoreFeeds(stores.maxReceiptsPerStore(), redis);
    }

    /** Primary: the Redis feed is a {@link StoreReads} too, and this one decides which answers. */
    @Bean
    @Primary
    StoreReads storeReads(StoreFeeds feeds, ObjectProvider<RedisStoreFeed> shared) {
        RedisStoreFeed redis = shared.getIfAvailable();
        return redis == null ? new LocalStoreReads(feeds) : redis;
    }

    @Bean
    StoreInputParser storeInputParser(StoreProperties stores) {
        return new StoreInputParser(FrameLimits.DEFAULT, stores.maxEventSkew());
    }

    /**
     * Every tenant's approved product recognizer, loaded and hot-reloaded with the other models by
     * the model reload thread. PyTorch runs one intra-op thread: each store's owner thread infers
     * on its own, and the benchmarks' figures are measured so.
     */
    @Bean
    ModelDeployments<RecognizerModel> productRecognizerDeployments(ModelRegistry registry, VariantPlans plans) {
        return new ModelDeployments<>(TenantRecognizers.MODEL, registry, plans, version -> {
            RecognizerModel.setIntraOpThreads(1);
            return RecognizerModel.load(version.folder());
        });
    }

    /** The tenant's approved version; a variant plan for the recognizer is not split by store. */
    @Bean
    TenantRecognizers tenantRecognizers(ModelDeployments<RecognizerModel> deployments) {
        return tenant -> deployments.choose(tenant, TenantRecognizers.MODEL)
                .map(choice -> new TenantRecognizers.Version(choice.version(), choice.model()));
    }

    @Bean
    StoreIngest storeIngest(AisleProperties properties, StoreProperties stores, StoreFeeds feeds,
            TenantRecognizers recognizers) {
        if (!properties.kafkaEnabled()) {
            return new EmbeddedStoreIngest(FusionSettings.defaults(), feeds, recognizers);
        }
        Properties client = kafkaClient(properties);
        StoreTopic.ensure(client, stores.topic(), stores.partitions());
        return new KafkaStoreIngest(client, stores.topic());
    }

    /** Kafka mode only: this process's member of the store consumer group. */
    @Bean
    StoreWorkerHandle storeWorker(AisleProperties properties, StoreProperties stores, StoreRegistry registry,
            StoreFeeds feeds, StoreInputParser parser, StoreIngest ingestCreatedTheTopic,
            ObjectProvider<RedisConnections> redis, TenantRecognizers recognizers) {
        if (!properties.kafkaEnabled()) {
            return new StoreWorkerHandle(null);
        }
        RedisConnections connections = redis.getIfAvailable();
        CheckpointStore checkpoints = connections != null ? new RedisCheckpointStore(connections)
                : new FileCheckpointStore(properties.home().resolve("store-checkpoints"));
        return new StoreWorkerHandle(new KafkaStoreWorker(kafkaClient(properties), stores.topic(), stores.consumerGroup(),
                registry, feeds, checkpoints, FusionSettings.defaults(), recognizers, parser, stores.checkpointEveryRecords(),
                stores.checkpointInterval()).start());
    }

    @Bean
    RouterFunction<ServerResponse> storeRouter(StoreRegistry registry, StoreReads reads, StoreIngest ingest,
            StoreInputParser parser, StoreFeeds feeds, Clock clock) {
        return new StoreHandler(registry, reads, ingest, parser, clock).routes()
                .and(new StoreFloorHandler(registry, feeds).routes())
                .and(new StoreAdminHandler(registry).routes());
    }

    private static Properties kafkaClient(AisleProperties properties) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap());
        return client;
    }

    /** The Kafka worker when there is one; a bean either way so the context closes it. */
    record StoreWorkerHandle(KafkaStoreWorker worker) implements AutoCloseable {
        @Override
        public void close() {
            if (worker != null) {
                worker.close();
            }
        }
    }
}
