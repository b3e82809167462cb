package io.trustgate.redis.passthrough;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client over a plain socket, for integration tests: sends commands as multibulk
 * arrays and reads replies as Java values ({@code String}, {@code Long}, {@code List<Object>}, null,
 * {@link Err}). What a "plain client" sees, byte for byte.
 */
final class ClusterTestClient implements AutoCloseable {

    /** An error reply. */
    record Err(String text) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    ClusterTestClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    ClusterTestClient(int port) throws IOException {
        this(new InetSocketAddress("127.0.0.1", port));
    }

    /** Sends one command and reads its reply. */
    Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends one command without waiting (pipelining). */
    void send(String... args) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(bytes);
            b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(b.toByteArray());
        out.flush();
    }

    Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new Err(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len + 2);
                return new String(data, 0, len, StandardCharsets.UTF_8);
            }
            case '*':
            case '>': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            default:
                throw new IOException("unexpected reply type " + (char) type + line);
        }
    }

    /** True when the server closed the connection (the next read sees end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("connection closed mid-line");
            }
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
