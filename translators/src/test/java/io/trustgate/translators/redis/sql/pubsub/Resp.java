package io.trustgate.translators.redis.sql.pubsub;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A binary-safe RESP test client: arguments are bytes, each reply is read back as its exact bytes, shown as an
 * ISO-8859-1 string (one char per byte).
 */
final class Resp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Resp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The exact RESP2 bytes of an array of bulk strings, as a string. */
    static String array(String... bulks) {
        StringBuilder sb = new StringBuilder("*" + bulks.length + "\r\n");
        for (String bulk : bulks) {
            sb.append('$').append(bulk.length()).append("\r\n").append(bulk).append("\r\n");
        }
        return sb.toString();
    }

    String call(String... args) throws IOException {
        send(args);
        return read();
    }

    void send(String... args) throws IOException {
        sendAll(List.<String[]>of(args));
    }

    /** Several commands in one write (a pipeline); arguments are ISO-8859-1, so any byte can be sent. */
    void sendAll(List<String[]> commands) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (String[] args : commands) {
            wire.writeBytes(b("*" + args.length + "\r\n"));
            for (String arg : args) {
                byte[] bytes = b(arg);
                wire.writeBytes(b("$" + bytes.length + "\r\n"));
                wire.writeBytes(bytes);
                wire.writeBytes(b("\r\n"));
            }
        }
        out.write(wire.toByteArray());
        out.flush();
    }

    /** One whole reply, nested elements included, exactly as it came. */
    String read() throws IOException {
        StringBuilder sb = new StringBuilder();
        readInto(sb);
        return sb.toString();
    }

    /** True when a reply is waiting to be read within {@code millis}. */
    boolean replyWithin(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                return false;
            }
            in.reset();
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    private void readInto(StringBuilder sb) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = line();
        sb.append((char) type).append(line).append("\r\n");
        switch (type) {
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    sb.append(s(in.readNBytes(length + 2)));
                }
            }
            case '*', '>' -> {
                long count = Long.parseLong(line);
                for (long i = 0; i < count; i++) {
                    readInto(sb);
                }
            }
            default -> {
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
        }
        if (in.read() != '\n') {
            throw new IOException("CR without LF");
        }
        return s(line.toByteArray());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
