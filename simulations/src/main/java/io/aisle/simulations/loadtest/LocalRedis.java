package io.aisle.simulations.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A private {@code redis-server} on loopback without persistence, for the benchmark's Redis mode. */
public final class LocalRedis {

    private LocalRedis() {
    }

    /** Starts {@code redis-server} on {@code port} and returns once it answers PING. */
    public static ChildProcess start(int port, Path log, Duration timeout) throws IOException, InterruptedException {
        ChildProcess redis = ChildProcess.start("redis-server", List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of(), log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!redis.isAlive()) {
                redis.close();
                throw new IllegalStateException("redis-server exited while starting; see " + log);
            }
            if (answersPing(port)) {
                return redis;
            }
            Thread.sleep(100);
        }
        redis.close();
        throw new IllegalStateException("redis-server did not answer PING within " + timeout.toSeconds() + " s; see " + log);
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }
}
