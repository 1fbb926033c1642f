package io.aisle.serving.config;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.engine.TenantModels;
import io.aisle.serving.events.UserHistoryStore;
import io.aisle.serving.experiments.AttributionLedger;
import io.aisle.serving.recommendations.AlsoBoughtHandler;
import io.aisle.serving.recommendations.ForYouHandler;
import io.aisle.serving.recommendations.ModelAdminHandler;
import io.aisle.serving.recommendations.ModelDeployments;
import io.aisle.serving.recommendations.ModelReloader;
import io.aisle.serving.recommendations.ModelsHealthIndicator;
import io.aisle.serving.recommendations.RecommendationMetrics;
import io.aisle.serving.recommendations.RecommendationMetricsHandler;
import io.aisle.serving.recommendations.VariantPlans;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Recommendation models from the registry ({@code aisle.registry}), their endpoints and their reloading. */
@Configuration(proxyBeanMethods = false)
public class RecommendationsConfiguration {

    @Bean
    ModelRegistry modelRegistry(AisleProperties properties, Clock clock) {
        return new ModelRegistry(properties.registryOrDefault(), clock);
    }

    @Bean
    VariantPlans variantPlans() {
        return new VariantPlans();
    }

    @Bean
    ModelDeployments<AlsoBoughtScorer> alsoBoughtDeployments(ModelRegistry registry, VariantPlans plans) {
        return new ModelDeployments<>("also-bought", registry, plans,
                version -> new AlsoBoughtScorer(ItemNeighboursFormat.read(version.file(ItemNeighboursFormat.FILE_NAME))));
    }

    /** For-you versions, each loaded with the tenant's approved ranker and also-bought lists beside it. */
    @Bean
    ModelDeployments<TenantModels> forYouDeployments(ModelRegistry registry, VariantPlans plans) {
        return new ModelDeployments<>(TenantModels.FOR_YOU, registry, plans,
                version -> TenantModels.loadWithForYou(registry, version),
                tenant -> registry.findApproved(tenant.value(), TenantModels.RANKER).orElse("-") + "/"
                        + registry.findApproved(tenant.value(), TenantModels.ALSO_BOUGHT).orElse("-"));
    }

    @Bean
    ModelReloader modelReloader(List<ModelDeployments<?>> deployments, AisleProperties properties) {
        return new ModelReloader(deployments, properties.modelReloadInterval());
    }

    /** Named {@code models} in the health groups. */
    @Bean
    ModelsHealthIndicator modelsHealthIndicator(ModelReloader reloader) {
        return new ModelsHealthIndicator(reloader);
    }

    @Bean
    RecommendationMetrics recommendationMetrics(MeterRegistry registry) {
        return new RecommendationMetrics(registry);
    }

    @Bean
    RouterFunction<ServerResponse> recommendationsRouter(ModelDeployments<AlsoBoughtScorer> alsoBought,
            ModelDeployments<TenantModels> forYou, UserHistoryStore histories, RecommendationMetrics metrics,
            ModelRegistry registry, VariantPlans plans, ModelReloader reloader, AttributionLedger ledger) {
        AlsoBoughtHandler alsoBoughtHandler = new AlsoBoughtHandler(alsoBought, metrics, ledger);
        ForYouHandler forYouHandler = new ForYouHandler(forYou, histories, metrics, ledger);
        return RouterFunctions.route()
                .GET("/v1/recommendations/also-bought", alsoBoughtHandler::get)
                .POST("/v1/recommendations/also-bought", alsoBoughtHandler::post)
                .GET("/v1/recommendations/for-you", forYouHandler::get)
                .build()
                .and(new ModelAdminHandler(registry, plans, reloader, ledger).routes())
                .and(new RecommendationMetricsHandler(metrics).routes());
    }
}
