package io.aisle.serving.experiments;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The attribution ledger that the recommendation endpoints record into and the events edge attributes to. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExperimentProperties.class)
public class ExperimentConfiguration {

    @Bean
    AttributionLedger attributionLedger(ExperimentProperties properties, Clock clock, MeterRegistry registry) {
        return new AttributionLedger(properties, clock, new ExperimentMetrics(registry));
    }
}
