package io.aisle.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

// Every read has a socket timeout; the class limit also covers a broker that never starts or stops.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MosquittoExtensionTest {

    @RegisterExtension
    static final MosquittoExtension mqtt = new MosquittoExtension();

    @Test
    void deliversARetainedMessageToALaterSubscriber() throws IOException {
        try (Socket publisher = connect("pub")) {
            // PUBLISH, QoS 0, retain: topic "a/b", payload "hi"
            write(publisher, new byte[] {0x31, 0x07, 0x00, 0x03, 'a', '/', 'b', 'h', 'i'});
            try (Socket subscriber = connect("sub")) {
                // SUBSCRIBE packet id 1 to "a/b" at QoS 0
                write(subscriber, new byte[] {(byte) 0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00});
                InputStream in = subscriber.getInputStream();
                assertArrayEquals(new byte[] {(byte) 0x90, 0x03, 0x00, 0x01, 0x00}, in.readNBytes(5), "SUBACK");
                byte[] publish = in.readNBytes(9);
                assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), new byte[] {publish[7], publish[8]});
            }
        }
    }

    @Test
    void stoppedBrokerRefusesConnectionsUntilStartedAgain() throws IOException {
        mqtt.stop();
        assertFalse(mqtt.isRunning());
        assertThrows(IOException.class, () -> connect("down").close());
        mqtt.start();
        assertTrue(mqtt.isRunning());
        connect("up").close();
    }

    /** Opens an MQTT 3.1.1 session with a clean start and checks the CONNACK. */
    private static Socket connect(String clientId) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), mqtt.port());
        socket.setSoTimeout(2_000);
        byte[] id = clientId.getBytes(StandardCharsets.US_ASCII);
        byte[] connect = new byte[14 + id.length];
        byte[] head = {0x10, (byte) (12 + id.length), 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c, 0x00,
                (byte) id.length};
        System.arraycopy(head, 0, connect, 0, head.length);
        System.arraycopy(id, 0, connect, head.length, id.length);
        write(socket, connect);
        assertArrayEquals(new byte[] {0x20, 0x02, 0x00, 0x00}, socket.getInputStream().readNBytes(4), "CONNACK");
        return socket;
    }

    private static void write(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }
}
