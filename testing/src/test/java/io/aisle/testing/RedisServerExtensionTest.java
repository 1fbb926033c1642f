package io.aisle.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisServerExtensionTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void storesAndReturnsAValue() throws IOException {
        assertEquals("OK", command("SET", "aisle:greeting", "hello"));
        assertEquals("hello", command("GET", "aisle:greeting"));
    }

    @Test
    void restartedServerListensOnTheSamePortAndForgetsEverything() throws IOException {
        command("SET", "aisle:before-outage", "1");
        long firstPid = redis.pid();

        redis.stop();
        assertFalse(redis.isRunning());
        assertThrows(IOException.class, () -> command("PING"));

        redis.start();
        assertTrue(redis.pid() != firstPid, "a new process serves after the restart");
        assertNull(command("GET", "aisle:before-outage"));
    }

    /** Sends one RESP command; returns a simple or bulk string reply, or null for a nil reply. */
    private static String command(String... words) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first.equals("$-1")) {
                return null;
            }
            return first.startsWith("$") ? in.readLine() : first.substring(1);
        }
    }
}
