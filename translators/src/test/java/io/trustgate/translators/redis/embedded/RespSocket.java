package io.trustgate.translators.redis.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A test client that sends RESP arrays and reads each reply back as its exact bytes (RESP2 and RESP3). */
final class RespSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    String call(String... args) throws IOException {
        send(args);
        return read();
    }

    void send(String... args) throws IOException {
        send(java.util.List.<String[]>of(args));
    }

    /** Sends several commands in one write (a pipeline). */
    void send(java.util.List<String[]> commands) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (String[] args : commands) {
            wire.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                wire.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                wire.writeBytes(bytes);
                wire.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        out.write(wire.toByteArray());
        out.flush();
    }

    /** Bytes that arrived and are not read yet. */
    int available() throws IOException {
        return in.available();
    }

    /** One whole reply, nested elements included, exactly as it came. */
    String read() throws IOException {
        StringBuilder sb = new StringBuilder();
        readInto(sb);
        return sb.toString();
    }

    private void readInto(StringBuilder sb) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = line();
        sb.append((char) type).append(line).append("\r\n");
        switch (type) {
            case '$', '=', '!' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    sb.append(new String(in.readNBytes(length + 2), StandardCharsets.UTF_8));
                }
            }
            case '*', '~', '>', '%' -> {
                long count = Long.parseLong(line) * (type == '%' ? 2 : 1);
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
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
