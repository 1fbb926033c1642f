package io.aisle.serving.eventlog;

import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.serving.events.InteractionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The embedded log: this process appends to one file per tenant and day, {@code part-{writerId}.jsonl}, never
 * shared with another process, so replicas on shared storage and restarts never interleave. A batch is one
 * {@code write} per file and an fsync before it is acknowledged; when any file of a batch fails, the files it
 * already grew are cut back to their size before the batch, so a failed batch leaves nothing and its retry
 * lands once. (A power cut during the fsync of an unacknowledged batch can still leave part of it: the one
 * case this log cannot rule out without a transaction.) Thread-safe: appends are serialized.
 */
public final class FileInteractionLog implements InteractionLog, AutoCloseable {

    /** Files of days no longer written are closed past this many open ones. */
    private static final int MAX_OPEN_FILES = 64;

    private final EventLogLayout layout;
    private final String fileName;
    private final Map<Path, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    /** @param writerId unique among every process writing this registry, for example a start time and pid */
    public FileInteractionLog(EventLogLayout layout, String writerId) {
        this.layout = layout;
        this.fileName = "part-" + writerId + ".jsonl";
    }

    @Override
    public Mono<Void> append(List<InteractionEvent> events) {
        // fsync blocks: never on an event loop.
        return Mono.<Void>fromRunnable(() -> appendNow(events)).subscribeOn(Schedulers.boundedElastic());
    }

    synchronized void appendNow(List<InteractionEvent> events) {
        Map<Path, StringBuilder> linesByFile = new LinkedHashMap<>();
        for (InteractionEvent event : events) {
            linesByFile.computeIfAbsent(layout.dayFolder(event).resolve(fileName), file -> new StringBuilder())
                    .append(InteractionEventJson.encode(event)).append('\n');
        }
        List<FileChannel> grown = new ArrayList<>();
        List<Long> sizesBefore = new ArrayList<>();
        try {
            for (Map.Entry<Path, StringBuilder> file : linesByFile.entrySet()) {
                FileChannel channel = channel(file.getKey());
                grown.add(channel);
                sizesBefore.add(channel.size());
                ByteBuffer bytes = ByteBuffer.wrap(file.getValue().toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            cutBack(grown, sizesBefore);
            throw new UncheckedIOException("cannot append " + events.size() + " events to the interaction log", e);
        }
    }

    private FileChannel channel(Path file) throws IOException {
        FileChannel channel = open.get(file);
        if (channel != null) {
            return channel;
        }
        boolean newDay = !Files.isDirectory(file.getParent());
        Files.createDirectories(file.getParent());
        boolean newFile = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        open.put(file, channel);
        // A new file, or a new day's folder, survives a power cut only once its folder entry is on disk too.
        if (newFile) {
            AtomicFiles.forceFolder(file.getParent());
        }
        if (newDay) {
            AtomicFiles.forceFolder(file.getParent().getParent());
        }
        if (open.size() > MAX_OPEN_FILES) {
            Map.Entry<Path, FileChannel> eldest = open.entrySet().iterator().next();
            eldest.getValue().close();
            open.remove(eldest.getKey());
        }
        return channel;
    }

    private static void cutBack(List<FileChannel> grown, List<Long> sizesBefore) {
        for (int i = 0; i < grown.size(); i++) {
            try {
                grown.get(i).truncate(sizesBefore.get(i));
                grown.get(i).force(false);
            } catch (IOException ignored) {
                // The batch fails either way; a file that cannot be cut back is as broken as its disk.
            }
        }
    }

    @Override
    public synchronized void close() {
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Every acknowledged batch was forced already.
            }
        }
        open.clear();
    }
}
