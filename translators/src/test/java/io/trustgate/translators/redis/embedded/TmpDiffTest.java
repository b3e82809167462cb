package io.trustgate.translators.redis.embedded;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.*;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import org.junit.jupiter.api.Test;

import java.io.*;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

class TmpDiffTest {
    static String toStr(RedisMessage m) {
        if (m instanceof SimpleStringRedisMessage) return "+" + ((SimpleStringRedisMessage) m).content();
        if (m instanceof ErrorRedisMessage) return "-" + ((ErrorRedisMessage) m).content();
        if (m instanceof IntegerRedisMessage) return ":" + ((IntegerRedisMessage) m).value();
        if (m instanceof FullBulkStringRedisMessage) { var b = (FullBulkStringRedisMessage) m; return b.isNull() ? "$nil" : "$" + b.content().toString(StandardCharsets.UTF_8); }
        if (m instanceof ArrayRedisMessage) { var a = (ArrayRedisMessage) m; if (a.isNull()) return "*nil"; List<String> o = new ArrayList<>(); for (RedisMessage c : a.children()) o.add(toStr(c)); return o.toString(); }
        return "?";
    }
    static String read(DataInputStream in) throws IOException {
        String line = readLine(in); char t = line.charAt(0); String r = line.substring(1);
        switch (t) {
            case '+': return "+" + r; case '-': return "-" + r; case ':': return ":" + r;
            case '$': { int n = Integer.parseInt(r); if (n < 0) return "$nil"; byte[] b = new byte[n]; in.readFully(b); readLine(in); return "$" + new String(b, StandardCharsets.UTF_8); }
            case '*': { int n = Integer.parseInt(r); if (n < 0) return "*nil"; List<String> o = new ArrayList<>(); for (int i = 0; i < n; i++) o.add(read(in)); return o.toString(); }
        }
        return "?" + line;
    }
    static String readLine(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(); int c; while ((c = in.read()) != '\r') sb.append((char) c); in.read(); return sb.toString();
    }
    static void send(OutputStream out, List<String> args) throws IOException {
        StringBuilder sb = new StringBuilder("*" + args.size() + "\r\n");
        for (String a : args) { byte[] b = a.getBytes(StandardCharsets.UTF_8); sb.append("$").append(b.length).append("\r\n").append(a).append("\r\n"); }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8)); out.flush();
    }
    @Test
    void diff() throws Exception {
        String prefix = "tgdiff" + System.nanoTime() + ":";
        try (Socket s = new Socket("127.0.0.1", 6379); InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine()) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            send(out, List.of("SELECT", "9")); read(in);
            KeyspaceCommandExecutor ex = new KeyspaceCommandExecutor("embedded", engine);
            int bad = 0;
            for (String line : Files.readAllLines(Path.of("/tmp/diff/cmds.txt"))) {
                if (line.isBlank()) continue;
                List<String> args = new ArrayList<>();
                for (String a : line.split(" ")) args.add(a.equals("\"\"") ? "" : a.replace("P:", prefix));
                send(out, args);
                String real = read(in).replace(prefix, "P:");
                RespRequest req = RespRequest.of(ByteBufAllocator.DEFAULT, args.toArray(new String[0]));
                RedisMessage m = ex.execute(0, req).toCompletableFuture().join();
                String mine = toStr(m).replace(prefix, "P:");
                ReferenceCountUtil.release(m); req.release();
                if (!real.equals(mine)) { bad++; System.out.println("DIFF " + line + "\n   redis: " + real + "\n   mine:  " + mine); }
            }
            send(out, List.of("EVAL", "for _,k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 1", "0", prefix + "*")); read(in);
            for (int db = 1; db < 4; db++) { send(out, List.of("SELECT", "" + db)); read(in); send(out, List.of("EVAL", "for _,k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 1", "0", prefix + "*")); read(in); }
            System.out.println("DIFFS " + bad);
        }
    }
}
