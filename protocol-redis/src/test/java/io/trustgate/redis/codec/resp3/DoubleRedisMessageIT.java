package io.trustgate.redis.codec.resp3;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digits of {@link DoubleRedisMessage} against the real Redis on 6379 (db 9): many doubles are stored as
 * sorted-set scores, read back with ZMSCORE in RESP2 (bulk strings) and in RESP3 (doubles), and each reply
 * must be exactly what the message would write. Fails, never skips, without that Redis.
 */
class DoubleRedisMessageIT {

    private static List<Double> samples() {
        Random random = new Random(20261101);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d) && d != 0) {
                values.add(d);
            }
        }
        for (int i = 1; i < 300; i++) {
            values.add(random.nextInt(2_000_000) / 1000.0 - 1000);
            values.add(i * 0.1);
        }
        for (int e = -12; e <= 25; e++) {
            values.add(Math.pow(10, e));
            values.add(-1.5 * Math.pow(10, e));
        }
        values.add(Double.MIN_VALUE);
        values.add(Double.MAX_VALUE);
        values.add(Math.nextDown(1.0));
        values.add(1e16 - 2);
        values.add(Double.POSITIVE_INFINITY);
        values.add(Double.NEGATIVE_INFINITY);
        return values;
    }

    @Test
    void printsTheDigitsRedisPrintsInBothVersions() throws IOException {
        List<Double> values = samples();
        String key = "tg:resp3:doubles:" + System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            List<String> zadd = new ArrayList<>(List.of("ZADD", key));
            List<String> zmscore = new ArrayList<>(List.of("ZMSCORE", key));
            for (int i = 0; i < values.size(); i++) {
                double d = values.get(i);
                zadd.add(Double.isInfinite(d) ? (d > 0 ? "+inf" : "-inf") : Double.toString(d));
                zadd.add("m" + i);
                zmscore.add("m" + i);
            }
            out.write(command("SELECT", "9"));
            out.write(command(zadd.toArray(String[]::new)));
            out.write(command(zmscore.toArray(String[]::new)));
            out.write(command("HELLO", "3"));
            out.write(command(zmscore.toArray(String[]::new)));
            out.write(command("DEL", key));
            out.flush();
            assertThat(line(in)).isEqualTo("+OK");
            assertThat(line(in)).isEqualTo(":" + values.size());
            assertThat(line(in)).isEqualTo("*" + values.size());
            for (double d : values) {
                String digits = new DoubleRedisMessage(d).text();
                assertThat(line(in)).as("length for %s", d).isEqualTo("$" + digits.length());
                assertThat(line(in)).as("RESP2 digits for %s", d).isEqualTo(digits);
            }
            assertThat(line(in)).startsWith("%7");
            for (int i = 0; i < 14; i++) {
                skipValue(in);
            }
            assertThat(line(in)).isEqualTo("*" + values.size());
            for (double d : values) {
                assertThat(line(in)).as("RESP3 double for %s", d).isEqualTo("," + new DoubleRedisMessage(d).text());
            }
            assertThat(line(in)).isEqualTo(":1");
        }
    }

    private static byte[] command(String... args) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            wire.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            wire.writeBytes(bytes);
            wire.writeBytes(new byte[] {'\r', '\n'});
        }
        return wire.toByteArray();
    }

    private static void skipValue(InputStream in) throws IOException {
        String line = line(in);
        if (line.charAt(0) == '$') {
            line(in);
        } else if (line.charAt(0) == '*') {
            for (int i = Integer.parseInt(line.substring(1)); i > 0; i--) {
                skipValue(in);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            line.write(b);
        }
        in.read();
        return line.toString(StandardCharsets.US_ASCII);
    }
}
