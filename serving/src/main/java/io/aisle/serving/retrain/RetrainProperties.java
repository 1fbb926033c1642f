package io.aisle.serving.retrain;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisle.retrain.*} settings.
 *
 * @param command the training command line the model name and options are appended to, e.g.
 *     {@code /opt/aisle/aisle,train}; empty: scheduled runs fail, saying so
 * @param checkInterval how often the schedules are checked for a run that is due
 * @param timeout a training run still going after this long is stopped and recorded failed
 */
@ConfigurationProperties("aisle.retrain")
public record RetrainProperties(@DefaultValue List<String> command, @DefaultValue("30s") Duration checkInterval,
                                @DefaultValue("2h") Duration timeout) {
}
