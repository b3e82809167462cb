package io.trustgate.compat.redis;

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
 * A bare RESP client on a {@link Socket}, for what real clients never send (malformed frames, abandoned
 * pipelines) and for checking raw replies. Every read has a socket timeout, so a silent gateway fails the test
 * instead of hanging it. Replies parse to: {@link String} (simple string), {@link Error}, {@link Long},
 * {@code byte[]} (bulk, or null), {@link List} (array, map or push, or null).
 */
final class RespSocket implements AutoCloseable {

    /** A RESP error reply, e.g. {@code -ERR unknown command}. */
    record Error(String message) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespSocket(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) GatewayFixture.CLIENT_TIMEOUT.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    /** Sends one command as a RESP array of bulk strings and returns its reply. */
    Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    void send(String... args) throws IOException {
        out.write(encode(args));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] encode(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(bytes);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the gateway");
        }
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> new Error(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*', '~', '>' -> list(Integer.parseInt(line), 1);
            case '%', '|' -> list(Integer.parseInt(line), 2);
            case '_' -> null;
            case '#' -> line.equals("t");
            case ',' -> Double.parseDouble(line);
            default -> throw new IOException("unexpected RESP type '" + (char) type + "' followed by " + line);
        };
    }

    /** True when the gateway has closed the connection: the next read sees end of stream (or a reset). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private byte[] bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("short bulk string");
        }
        return bytes;
    }

    private List<Object> list(int count, int perEntry) throws IOException {
        if (count < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(count * perEntry);
        for (int i = 0; i < count * perEntry; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("connection closed inside a reply line");
            }
            b.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("CR without LF in a reply line");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
