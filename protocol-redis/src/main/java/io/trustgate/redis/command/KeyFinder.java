package io.trustgate.redis.command;

import io.trustgate.redis.codec.RespRequest;

/**
 * Finds the argument positions that hold keys, from the command's key spec plus the few movable-key shapes
 * (numkeys, STREAMS) that the spec cannot express. Used by routing (which backend) and by cluster slot routing.
 */
public final class KeyFinder {

    private KeyFinder() {
    }

    /**
     * Calls {@code sink} with each key position of {@code request}. Returns false when the keys cannot be
     * determined (a malformed numkeys, say); the caller then lets the backend produce the error.
     */
    public static boolean forEachKey(CommandSpec spec, RespRequest request, KeySink sink) {
        int argc = request.argc();
        if (spec.movableKeys()) {
            return movable(spec.name(), request, sink);
        }
        if (spec.firstKey() <= 0) {
            return true;
        }
        int last = spec.lastKey() < 0 ? argc + spec.lastKey() : spec.lastKey();
        int step = Math.max(1, spec.keyStep());
        for (int i = spec.firstKey(); i <= last && i < argc; i += step) {
            sink.key(i);
        }
        return true;
    }

    private static boolean movable(String name, RespRequest request, KeySink sink) {
        int argc = request.argc();
        switch (name) {
            case "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO" -> {
                return numkeys(request, 2, 3, sink);
            }
            case "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE" -> {
                sink.key(1);
                return numkeys(request, 2, 3, sink);
            }
            case "ZUNION", "ZINTER", "ZDIFF", "SINTERCARD", "ZINTERCARD", "LMPOP", "ZMPOP" -> {
                return numkeys(request, 1, 2, sink);
            }
            case "BLMPOP", "BZMPOP" -> {
                return numkeys(request, 2, 3, sink);
            }
            case "XREAD", "XREADGROUP" -> {
                for (int i = 1; i < argc; i++) {
                    if (request.argIs(i, "STREAMS")) {
                        int count = (argc - i - 1) / 2;
                        for (int k = 0; k < count; k++) {
                            sink.key(i + 1 + k);
                        }
                        return (argc - i - 1) % 2 == 0;
                    }
                }
                return false;
            }
            case "SORT", "SORT_RO" -> {
                sink.key(1);
                for (int i = 2; i + 1 < argc; i++) {
                    if (request.argIs(i, "STORE")) {
                        sink.key(i + 1);
                    }
                }
                return true;
            }
            case "MIGRATE" -> {
                if (request.argLength(3) > 0) {
                    sink.key(3);
                }
                return true;
            }
            case "GEORADIUS", "GEORADIUSBYMEMBER" -> {
                sink.key(1);
                for (int i = 2; i + 1 < argc; i++) {
                    if (request.argIs(i, "STORE") || request.argIs(i, "STOREDIST")) {
                        sink.key(i + 1);
                    }
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean numkeys(RespRequest request, int at, int first, KeySink sink) {
        if (request.argc() <= at) {
            return false;
        }
        long n;
        try {
            n = request.argLong(at);
        } catch (NumberFormatException e) {
            return false;
        }
        if (n < 0 || first + n > request.argc()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            sink.key(first + i);
        }
        return true;
    }

    /** Receives key positions. */
    @FunctionalInterface
    public interface KeySink {
        void key(int argIndex);
    }
}
