package io.aisle.simulations.loadtest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection spoken over a plain socket, one request at a time, so that the caller knows
 * exactly which connection each request went on and when the connection had to be opened again
 * (the JDK client's pool hides both).
 *
 * <p>Reads answers framed by {@code Content-Length} or {@code Transfer-Encoding: chunked}; an answer
 * with {@code Connection: close} leaves the connection closed. Not thread-safe: one owner thread.
 */
final class HttpConnection implements AutoCloseable {

    /** Status of one answer, and whether the server keeps the connection open after it. */
    record Answer(int status, boolean keepsAlive) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
    }

    /** Connects with the given connect and read timeouts. */
    static HttpConnection open(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return new HttpConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Writes one request (request line, headers and the blank line, no body) and reads its whole answer.
     *
     * @throws java.net.SocketTimeoutException when no byte arrived within the read timeout
     * @throws EOFException when the server closed the connection before the answer was complete
     */
    Answer exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean keepsAlive = parts[0].equals("HTTP/1.1");
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> keepsAlive = !value.contains("close");
                default -> {
                }
            }
        }
        if (chunked) {
            skipChunks();
        } else if (length >= 0) {
            skip(length);
        } else {
            // Neither framing: the body runs to the end of the connection.
            in.transferTo(OutputStream.nullOutputStream());
            keepsAlive = false;
        }
        return new Answer(status, keepsAlive);
    }

    private void skipChunks() throws IOException {
        for (long size = chunkSize(readLine()); size > 0; size = chunkSize(readLine())) {
            skip(size);
            readLine();
        }
        // Trailers, up to the blank line.
        while (!readLine().isEmpty()) {
            // Nothing in them is needed.
        }
    }

    private static long chunkSize(String line) {
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    /** The body is not needed, only that all of it arrived. */
    private void skip(long bytes) throws IOException {
        in.skipNBytes(bytes);
    }

    /** One line without its CRLF, in ISO-8859-1 as HTTP/1.1 headers are. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new EOFException("the server closed the connection in the middle of an answer");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // Closing a broken connection has nothing left to report.
        }
    }
}
