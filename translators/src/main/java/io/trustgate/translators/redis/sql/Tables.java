package io.trustgate.translators.redis.sql;

import java.util.regex.Pattern;

/** The table and view names for one table prefix (default {@code redis_}). */
record Tables(String keys, String strings, String hashes, String lists, String sets, String zsets, String lock,
              String readable, String stamps) {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    static Tables withPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix must match " + PREFIX.pattern() + ", got '" + prefix
                    + "'");
        }
        return new Tables(prefix + "keys", prefix + "strings", prefix + "hashes", prefix + "lists", prefix + "sets",
                prefix + "zsets", prefix + "lock", prefix + "readable", prefix + "stamps");
    }

    /** The child table holding values of a type name as stored in {@code keys.type}. */
    String child(String type) {
        switch (type) {
            case "string": return strings;
            case "hash": return hashes;
            case "list": return lists;
            case "set": return sets;
            case "zset": return zsets;
            default: throw new IllegalStateException("unknown stored type '" + type + "'");
        }
    }
}
