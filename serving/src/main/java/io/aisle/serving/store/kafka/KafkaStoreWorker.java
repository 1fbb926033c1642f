package io.aisle.serving.store.kafka;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.serving.store.CheckpointStore;
import io.aisle.serving.store.CheckpointStoreUnavailableException;
import io.aisle.serving.store.FloorView;
import io.aisle.serving.store.InputKind;
import io.aisle.serving.store.StoreFeeds;
import io.aisle.serving.store.StoreInput;
import io.aisle.serving.store.StoreInputParser;
import io.aisle.serving.store.StoreKey;
import io.aisle.serving.store.StoreOwnership;
import io.aisle.serving.store.StoreProcessor;
import io.aisle.serving.store.StoreRegistry;
import io.aisle.serving.store.TenantRecognizers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of the store consumer group: owns the stores of the partitions Kafka assigns it and
 * runs their {@link StoreProcessor}s on its one thread. This class polls, checkpoints and
 * commits; what to do with each record (apply, already applied, held back, unregistered) is
 * decided by a {@link StoreOwnership}.
 *
 * <p>Exactly-once effect on store state, with at-least-once delivery: every
 * {@code checkpointEveryRecords} records or {@code checkpointInterval}, and when partitions are
 * revoked or the worker stops, each store that changed is checkpointed (engine snapshot, feed,
 * offset of its next record) and only then are the partitions' offsets committed. A worker that
 * takes over a partition restores its stores' checkpoints and skips each record below its store's
 * checkpointed offset, so records consumed again after a crash are applied once. Example: with
 * checkpoints every 25 records, a worker that dies after record 83 leaves checkpoints at offset 75
 * and a commit at 75; its successor restores the engine as of 75 and applies 75-82 again, giving
 * the receipts the dead worker issued after 75 once more, with the same numbers.
 *
 * <p>A checkpoint holds the camera tracks too, so shoppers already in the store keep their
 * identities across a takeover.
 *
 * <p>Failures of the checkpoint store are split by whether waiting helps. While it is unreachable,
 * a partition whose store cannot be restored is paused for {@link #RETRY_PAUSE} and read again
 * from the same record, and no checkpoint or commit is taken (nor while the
 * {@link io.aisle.serving.store.StoreEventPublisher} still holds events), so nothing is skipped.
 * A checkpoint that can never be restored (corrupt, another format, another store's) is refused:
 * the error names the store and where the checkpoint lies, the store's records are held back
 * (the partition's commit stays before the first of them, so a successor sees them again once
 * the checkpoint is repaired or deleted), and the other stores of the partition go on.
 */
public final class KafkaStoreWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaStoreWorker.class);
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Properties consumerProperties;
    private final String topic;
    private final StoreFeeds feeds;
    private final CheckpointStore checkpoints;
    private final StoreInputParser parser;
    private final int checkpointEveryRecords;
    private final long checkpointIntervalNanos;
    private final Thread thread;
    private final AtomicLong appliedRecords = new AtomicLong();
    private final AtomicLong checkpointsTaken = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean checkpointOnStop = true;
    /** What {@link #refusedStores()} shows other threads; replaced whenever the refusals change. */
    private volatile Map<StoreKey, String> refusedReasons = Map.of();
    private final Set<Integer> ownedPartitions = ConcurrentHashMap.newKeySet();

    // Owned by the worker thread only.
    private final StoreOwnership ownership;
    private final Map<TopicPartition, Long> pausedUntilNanos = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private int sinceCheckpoint;
    private long lastCheckpointNanos;

    /**
     * @param clientProperties at least {@code bootstrap.servers}; consumer settings such as
     *     {@code max.poll.records} pass through
     */
    public KafkaStoreWorker(Properties clientProperties, String topic, String groupId, StoreRegistry registry,
            StoreFeeds feeds, CheckpointStore checkpoints, FusionSettings settings, TenantRecognizers recognizers,
            StoreInputParser parser,
            int checkpointEveryRecords, Duration checkpointInterval) {
        if (checkpointEveryRecords < 1) {
            throw new IllegalArgumentException("checkpointEveryRecords must be >= 1 but was " + checkpointEveryRecords);
        }
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // A worker killed without leaving the group holds its partitions until its session lapses: Kafka's default of
        // 45 s would stop its stores that long. 6 s is the broker's least by default; heartbeats every 1.5 s.
        consumerProperties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        consumerProperties.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
        this.topic = topic;
        this.feeds = feeds;
        this.checkpoints = checkpoints;
        this.ownership = new StoreOwnership(registry, feeds, checkpoints, settings, recognizers);
        this.parser = parser;
        this.checkpointEveryRecords = checkpointEveryRecords;
        this.checkpointIntervalNanos = checkpointInterval.toNanos();
        this.thread = new Thread(this::run, "store-worker-" + groupId);
        thread.setDaemon(true);
    }

    public KafkaStoreWorker start() {
        thread.start();
        return this;
    }

    /** Records applied by this worker (records skipped as already checkpointed do not count). */
    public long appliedRecords() {
        return appliedRecords.get();
    }

    public long checkpointsTaken() {
        return checkpointsTaken.get();
    }

    /** The partitions of the store topic this worker owns now. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(ownedPartitions);
    }

    /** Stores whose checkpoint this worker refused, with why; their records are held back. */
    public Map<StoreKey, String> refusedStores() {
        return refusedReasons;
    }

    /** Stops like a crash: no last checkpoint, no commit; whoever takes over resumes from the last checkpoint. */
    public void halt() {
        checkpointOnStop = false;
        stop();
    }

    /** Stops after checkpointing every store and committing. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
        if (!running) {
            consumer.close();
            return;
        }
        lastCheckpointNanos = System.nanoTime();
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                resumeDuePartitions();
                applyAll(consumer.poll(Duration.ofMillis(100)));
                if (running && (sinceCheckpoint >= checkpointEveryRecords
                        || (ownership.hasChanges() && System.nanoTime() - lastCheckpointNanos >= checkpointIntervalNanos))) {
                    checkpointAndCommit(consumer.assignment());
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("store worker stopped on an unexpected failure; a restart resumes from the last checkpoint", e);
            checkpointOnStop = false;
        } finally {
            try {
                if (checkpointOnStop) {
                    checkpointAndCommit(consumer.assignment());
                }
            } catch (RuntimeException e) {
                log.warn("last checkpoint failed; a successor resumes from the previous one", e);
            } finally {
                consumer.close();
                ownedPartitions.clear();
            }
        }
    }

    private void applyAll(ConsumerRecords<String, byte[]> records) {
        Set<TopicPartition> waiting = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running) {
                return;
            }
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (waiting.contains(partition)) {
                continue;
            }
            try {
                apply(record);
            } catch (CheckpointStoreUnavailableException e) {
                log.warn("partition {} waits {} ms at offset {}: {}", partition, RETRY_PAUSE.toMillis(), record.offset(),
                        e.getMessage());
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                pausedUntilNanos.put(partition, System.nanoTime() + RETRY_PAUSE.toNanos());
                waiting.add(partition);
            }
        }
    }

    private void resumeDuePartitions() {
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntilNanos.forEach((partition, until) -> {
            if (now - until >= 0) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            due.forEach(pausedUntilNanos::remove);
            due.retainAll(consumer.assignment());
            consumer.resume(due);
        }
    }

    /** @throws CheckpointStoreUnavailableException when the store's checkpoint could not be read yet */
    private void apply(ConsumerRecord<String, byte[]> record) {
        Optional<StoreKey> key = StoreKey.parseWireKey(record.key());
        Optional<InputKind> kind = StoreTopic.kind(record.headers());
        if (key.isEmpty() || kind.isEmpty()) {
            log.warn("skipping record {}-{}@{}: key '{}' or its input kind is not a store's", record.topic(),
                    record.partition(), record.offset(), record.key());
            return;
        }
        StoreOwnership.Verdict verdict = ownership.decide(key.get(), record.partition(), record.offset());
        if (verdict instanceof StoreOwnership.Apply apply) {
            StoreOwnership.OwnedStore store = apply.store();
            try {
                StoreInput input = parser.parse(kind.get(), record.value(), store.store(), Optional.empty());
                store.processor().apply(store.store(), input);
            } catch (RuntimeException e) {
                // The edge checked this input; one that still fails must not stop the partition.
                log.warn("skipping record {}-{}@{} of store {}: {}", record.topic(), record.partition(), record.offset(),
                        key.get(), e.getMessage());
            }
            ownership.applied(store, record.offset());
            sinceCheckpoint++;
            appliedRecords.incrementAndGet();
        } else if (verdict instanceof StoreOwnership.Unregistered) {
            log.warn("skipping record {}-{}@{}: store {} is not registered", record.topic(), record.partition(),
                    record.offset(), key.get());
        } else if (verdict instanceof StoreOwnership.HeldBack) {
            refusedReasons = ownership.refusedStores();
        }
        // AlreadyApplied: the restored state holds its effect.
    }

    /** Checkpoints the changed stores of these partitions, then commits them; neither while a write fails. */
    private void checkpointAndCommit(Collection<TopicPartition> partitions) {
        // Either way, wait a full interval before the next attempt.
        sinceCheckpoint = 0;
        lastCheckpointNanos = System.nanoTime();
        if (!feeds.flush()) {
            log.warn("no checkpoint while carts and receipts wait to be published");
            return;
        }
        Set<Integer> scope = new HashSet<>();
        partitions.forEach(p -> scope.add(p.partition()));
        for (StoreOwnership.OwnedStore store : ownership.changedIn(scope)) {
            try {
                checkpoints.save(store.store().key(), store.processor().checkpoint(store.nextOffset()));
            } catch (CheckpointStoreUnavailableException e) {
                log.warn("no commit this time: {}", e.getMessage());
                return;
            }
            ownership.checkpointed(store);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            offsets.put(partition, new OffsetAndMetadata(
                    ownership.committableOffset(partition.partition(), consumer.position(partition))));
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
        checkpointsTaken.incrementAndGet();
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (checkpointOnStop && !partitions.isEmpty()) {
                checkpointAndCommit(partitions);
            }
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> ownedPartitions.add(p.partition()));
            if (partitions.isEmpty()) {
                return;
            }
            // Show the restored receipts and carts of quiet stores right away, not at their next record.
            int count = consumer.partitionsFor(topic).size();
            Set<Integer> assigned = new HashSet<>();
            partitions.forEach(p -> assigned.add(p.partition()));
            try {
                for (StoreKey key : checkpoints.stores()) {
                    int partition = StoreTopic.partitionOf(key, count);
                    if (assigned.contains(partition) && !ownership.knows(key)) {
                        ownership.take(key, partition);
                    }
                }
            } catch (CheckpointStoreUnavailableException e) {
                // The stores are taken at their next record instead.
                log.warn("quiet stores are shown at their next record: {}", e.getMessage());
            }
            refusedReasons = ownership.refusedStores();
        }

        private void drop(Collection<TopicPartition> partitions) {
            Set<Integer> gone = new HashSet<>();
            partitions.forEach(p -> gone.add(p.partition()));
            ownedPartitions.removeAll(gone);
            for (StoreOwnership.OwnedStore store : ownership.release(gone)) {
                // Its new owner shows the floor from now on; this process's view would only grow stale.
                store.processor().feed().showFloor(FloorView.EMPTY);
            }
            refusedReasons = ownership.refusedStores();
            pausedUntilNanos.keySet().removeAll(partitions);
        }
    }
}
