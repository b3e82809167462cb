package io.trustgate.bench.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Workload names ({@code get-1k}, {@code put-1k}, {@code get-1m}, {@code put-1m}), object sizes and bodies. */
final class Workloads {

    /** Objects per GET workload, written once at setup. */
    static final int GET_KEYS = 64;
    /** Keys each client overwrites in turn in a PUT workload. */
    static final int PUT_KEYS_PER_CLIENT = 8;

    private Workloads() {
    }

    static boolean isGet(String workload) {
        return workload.startsWith("get-");
    }

    static int size(String workload) {
        return switch (workload.substring(workload.indexOf('-') + 1)) {
            case "1k" -> 1024;
            case "1m" -> 1 << 20;
            default -> throw new IllegalArgumentException("unknown workload " + workload
                    + " (get-1k, put-1k, get-1m, put-1m)");
        };
    }

    /** Pseudo-random bytes, the same for the same size and seed. */
    static byte[] body(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String getKey(String workload, int index) {
        return "get/" + workload + "/" + index;
    }

    static String putKey(String workload, int client, int index) {
        return "put/" + workload + "/" + client + "/" + index;
    }

    static String sha256Hex(byte[] data) {
        return hex("SHA-256", data);
    }

    static String md5Hex(byte[] data) {
        return hex("MD5", data);
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
