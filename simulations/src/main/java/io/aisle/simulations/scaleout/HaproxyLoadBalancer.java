package io.aisle.simulations.scaleout;

import io.aisle.simulations.loadtest.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * HAProxy (Debian's {@code /usr/sbin/haproxy}) in front of the replicas, with a generated configuration: a replica
 * is in rotation while {@code /actuator/health/readiness} answers 200, and a request that an idempotent repetition
 * cannot harm (GET, or any request with an {@code Idempotency-Key}) is retried on another replica when its replica
 * refuses the connection, dies mid-answer or does not answer in time. Other writes are not retried: their first attempt
 * may have taken effect. A stats page on its own port tells which replicas are up.
 */
final class HaproxyLoadBalancer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/haproxy");
    static final String BACKEND = "replicas";

    private final ChildProcess process;
    private final URI base;
    private final URI stats;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HaproxyLoadBalancer(ChildProcess process, URI base, URI stats) {
        this.process = process;
        this.base = base;
        this.stats = stats;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * The configuration for replicas on the given loopback ports. Health checks every 500 ms (250 ms while a replica
     * changes state): a dead replica refuses the check's connection at once, so three failures take it out within
     * about a second, and the retries cover the requests that meet it before. A check may take 3 s to answer: the
     * last replica standing on a loaded machine answers slowly, and taking it out too would leave none.
     */
    static String configuration(int frontendPort, int statsPort, List<Integer> replicaPorts) {
        StringBuilder servers = new StringBuilder();
        for (int r = 0; r < replicaPorts.size(); r++) {
            servers.append("    server replica-").append(r).append(" 127.0.0.1:").append(replicaPorts.get(r)).append(" check\n");
        }
        return """
                global
                    maxconn 4096

                defaults
                    mode http
                    timeout connect 500ms
                    timeout client 60s
                    # Above the longest long poll a robot holds (its commands wait up to 2 s) and a slow answer.
                    timeout server 30s
                    timeout http-request 10s
                    timeout queue 10s
                    timeout http-keep-alive 10s
                    retries 3
                    # Every retry goes to another replica than the one that failed.
                    option redispatch 1
                    # A replica that died: refused, reset, or silent. Not the replicas' own 503s: they carry Retry-After
                    # for the client, and a retry on the same replica (the only one left) would be a replay of the nonce.
                    retry-on conn-failure empty-response junk-response response-timeout

                frontend aisle
                    bind 127.0.0.1:%d
                    # A write without an Idempotency-Key may have been applied by the replica that died: never repeat it.
                    http-request disable-l7-retry unless METH_GET || { req.hdr(Idempotency-Key) -m found }
                    default_backend %s

                backend %s
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    timeout check 3s
                    default-server inter 500ms fastinter 250ms downinter 1s fall 3 rise 2
                %s
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(frontendPort, BACKEND, BACKEND, servers, statsPort);
    }

    /** Writes the configuration into {@code folder}, checks it with {@code haproxy -c} and starts HAProxy in the foreground. */
    static HaproxyLoadBalancer start(int frontendPort, int statsPort, List<Integer> replicaPorts, Path folder)
            throws IOException, InterruptedException {
        Path config = folder.resolve("haproxy.cfg");
        Files.writeString(config, configuration(frontendPort, statsPort, replicaPorts));
        Path log = folder.resolve("haproxy.log");
        try (ChildProcess check = ChildProcess.start("haproxy-check", List.of(BINARY.toString(), "-c", "-f", config.toString()),
                Map.of(), log)) {
            if (check.waitFor(30) != 0) {
                throw new IllegalStateException("haproxy refused its configuration " + config + "; see " + log);
            }
        }
        ChildProcess process = ChildProcess.start("haproxy", List.of(BINARY.toString(), "-db", "-f", config.toString()), Map.of(), log);
        return new HaproxyLoadBalancer(process, URI.create("http://127.0.0.1:" + frontendPort),
                URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"));
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** How many replicas HAProxy has in rotation now; 0 while its stats page does not answer. */
    int replicasUp() throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("haproxy exited; see " + process.log());
        }
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? countUp(response.body()) : 0;
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** Rows of HAProxy's CSV stats ({@code # pxname,svname,...,status,...}) for this backend's servers that are UP. */
    static int countUp(String csv) {
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            return 0;
        }
        int status = Arrays.asList(lines.get(0).substring(2).split(",", -1)).indexOf("status");
        int up = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length > status && fields[0].equals(BACKEND) && !fields[1].equals("BACKEND")
                    && fields[status].startsWith("UP")) {
                up++;
            }
        }
        return up;
    }

    /** Waits until exactly {@code replicas} replicas are in rotation. */
    void awaitReplicasUp(int replicas, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int up = -1;
        while (System.nanoTime() < deadline) {
            up = replicasUp();
            if (up == replicas) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("haproxy had " + up + " replicas in rotation, not " + replicas + ", after "
                + timeout.toSeconds() + " s; see " + process.log());
    }

    @Override
    public void close() {
        process.close();
    }
}
