package io.aisle.training.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a job runs in. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session on {@code master} unless {@code spark-submit} already set one (then the cluster's master
     * wins). Local sessions bind to loopback: machines without a default route cannot resolve their own
     * address, and nothing outside the machine needs the driver.
     *
     * @param master for example {@code local[*]}, {@code local[2]} or {@code spark://127.0.0.1:7077}
     */
    public static SparkSession create(String appName, String master, int shufflePartitions) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setAppName(appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
