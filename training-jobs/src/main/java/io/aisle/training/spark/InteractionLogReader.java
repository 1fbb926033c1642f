package io.aisle.training.spark;

import io.aisle.training.ingest.Interaction;
import io.aisle.training.ingest.LineParser;
import io.aisle.training.ingest.ParsedLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a log from any path Hadoop understands (local, {@code hdfs://}, {@code s3a://}), parses each line
 * with its 1-based line number, counts bad lines and fails when their share exceeds the limit. Nothing
 * is dropped silently: every bad line is counted and the first ones are reported with their number.
 */
public final class InteractionLogReader {

    private static final int BAD_EXAMPLES = 20;

    private final SparkSession spark;

    public InteractionLogReader(SparkSession spark) {
        this.spark = spark;
    }

    /** The first {@code lines} lines of the input, for format detection. */
    public List<String> sample(String path, int lines) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(path).take(lines);
    }

    /**
     * @param maxBadShare largest acceptable share of bad lines, for example 0.01
     * @throws BadRowsException when more lines are bad than allowed
     */
    public InteractionLog read(String path, LineParser parser, double maxBadShare) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // zipWithIndex numbers lines in file order across partitions, so line numbers match an editor's.
        JavaRDD<ParsedLine> parsed = context.textFile(path)
                .zipWithIndex()
                .map(line -> parser.parse(line._2() + 1, line._1()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long lines = parsed.count();
        JavaRDD<ParsedLine> bad = parsed.filter(ParsedLine::isBad);
        long badLines = bad.count();
        List<String> examples = bad.take(BAD_EXAMPLES).stream().map(ParsedLine::describe).toList();
        if (lines == 0) {
            throw new BadRowsException(path + " has no lines");
        }
        double share = (double) badLines / lines;
        if (share > maxBadShare) {
            throw new BadRowsException(String.format(Locale.ROOT,
                    "%s: %d of %d lines are bad (%.2f%%, more than --max-bad-rows %.2f%%); first: %s",
                    path, badLines, lines, 100 * share, 100 * maxBadShare, String.join("; ", examples)));
        }
        JavaRDD<Interaction> interactions = parsed.flatMap(line -> line.interactions().iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = interactions.count();
        parsed.unpersist();
        return new InteractionLog(interactions, lines, badLines, count, examples, fingerprint(path));
    }

    /**
     * SHA-256 of the input: over the bytes of each file for inputs up to 1 GiB, otherwise over each
     * file's path, length and modification time (hashing terabytes on the driver is not an option).
     */
    private String fingerprint(String path) {
        try {
            Path hadoopPath = new Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] statuses = fs.globStatus(hadoopPath);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long total = 0;
            for (FileStatus status : statuses) {
                total += status.isFile() ? status.getLen() : fs.getContentSummary(status.getPath()).getLength();
            }
            boolean content = total <= (1L << 30);
            for (FileStatus status : statuses) {
                for (FileStatus file : status.isFile() ? new FileStatus[] {status} : fs.listStatus(status.getPath())) {
                    if (!file.isFile()) {
                        continue;
                    }
                    if (content) {
                        try (InputStream in = fs.open(file.getPath())) {
                            byte[] buffer = new byte[1 << 16];
                            for (int read; (read = in.read(buffer)) > 0; ) {
                                digest.update(buffer, 0, read);
                            }
                        }
                    } else {
                        digest.update((file.getPath() + "|" + file.getLen() + "|" + file.getModificationTime() + "\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            return (content ? "sha256:" : "sha256-meta:") + HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint " + path, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
