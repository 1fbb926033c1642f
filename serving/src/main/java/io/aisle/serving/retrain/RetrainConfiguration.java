package io.aisle.serving.retrain;

import io.aisle.serving.config.AisleProperties;
import io.aisle.serving.config.BackgroundTask;
import io.aisle.serving.recommendations.ModelReloader;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Scheduled retraining ({@code aisle.retrain.*}): schedules and runs in the registry, training in a child JVM. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetrainProperties.class)
public class RetrainConfiguration {

    @Bean
    RetrainRuns retrainRuns(AisleProperties properties) {
        return new RetrainRuns(properties.registryOrDefault());
    }

    @Bean
    RetrainScheduler retrainScheduler(RetrainRuns runs, RetrainProperties properties, Clock clock, ModelReloader reloader) {
        return new RetrainScheduler(runs, new TrainingProcess(properties.command(), properties.timeout()), clock,
                reloader::reloadNow);
    }

    @Bean
    BackgroundTask retrainScheduleCheck(RetrainScheduler scheduler, RetrainProperties properties) {
        return new BackgroundTask("aisle-retrain-schedule", properties.checkInterval(), scheduler::tick);
    }

    @Bean
    RouterFunction<ServerResponse> retrainRouter(RetrainRuns runs, RetrainScheduler scheduler) {
        return new RetrainHandler(runs, scheduler).routes();
    }
}
