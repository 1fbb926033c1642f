package io.aisle.serving.config;

import io.aisle.recommender.alsobought.AlsoBoughtScorer;
import io.aisle.recommender.alsobought.ItemNeighboursFormat;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.serving.recommendations.AlsoBoughtHandler;
import io.aisle.serving.recommendations.ModelAdminHandler;
import io.aisle.serving.recommendations.ModelDeployments;
import io.aisle.serving.recommendations.ModelReloader;
import io.aisle.serving.recommendations.RecommendationMetrics;
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

    @Bean
    ModelReloader modelReloader(List<ModelDeployments<?>> deployments, AisleProperties properties) {
        return new ModelReloader(deployments, properties.modelReloadInterval());
    }

    @Bean
    RecommendationMetrics recommendationMetrics(MeterRegistry registry) {
        return new RecommendationMetrics(registry);
    }

    @Bean
    RouterFunction<ServerResponse> recommendationsRouter(ModelDeployments<AlsoBoughtScorer> alsoBought,
            RecommendationMetrics metrics, ModelRegistry registry, VariantPlans plans, ModelReloader reloader) {
        AlsoBoughtHandler alsoBoughtHandler = new AlsoBoughtHandler(alsoBought, metrics);
        return RouterFunctions.route()
                .GET("/v1/recommendations/also-bought", alsoBoughtHandler::get)
                .POST("/v1/recommendations/also-bought", alsoBoughtHandler::post)
                .build()
                .and(new ModelAdminHandler(registry, plans, reloader).routes());
    }
}
