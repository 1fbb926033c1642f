package io.aisle.serving.store.kafka;

import io.aisle.serving.store.InputKind;
import io.aisle.serving.store.StoreKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;

/**
 * The store input topic: one record per accepted batch, key {@code tenant:store} (so a store's
 * inputs share one partition and keep their order), value the request body, header
 * {@value #KIND_HEADER} the input kind.
 */
public final class StoreTopic {

    public static final String KIND_HEADER = "aisle-input";
    /** Largest record the topic takes: the largest accepted body (1 MiB) with room for key and headers. */
    public static final int MAX_RECORD_BYTES = 2 << 20;

    private StoreTopic() {
    }

    /** Creates the topic unless it exists. */
    public static void ensure(Properties clientProperties, String topic, int partitions) {
        try (Admin admin = Admin.create(clientProperties)) {
            // A camera batch may be a whole megabyte plus the record's overhead: above the broker's default cap.
            NewTopic newTopic = new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES)));
            admin.createTopics(List.of(newTopic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** The partition the default partitioner gives a store's records (murmur2 of the key). */
    public static int partitionOf(StoreKey key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.wireKey().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static Optional<InputKind> kind(Headers headers) {
        Header header = headers.lastHeader(KIND_HEADER);
        return header == null ? Optional.empty()
                : InputKind.fromWireName(new String(header.value(), StandardCharsets.UTF_8));
    }
}
