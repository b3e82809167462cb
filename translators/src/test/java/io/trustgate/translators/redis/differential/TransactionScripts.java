package io.trustgate.translators.redis.differential;

import java.util.Map;

/**
 * Differential scripts for MULTI/EXEC/DISCARD and WATCH, with a second client's writes ({@code C2} lines) in
 * between (see {@link DifferentialRunner} for the syntax).
 */
final class TransactionScripts {

    private TransactionScripts() {
    }

    static void addTo(Map<String, String> all) {
        // Replies inside EXEC are compared in their own command's mode: a hash's field order is not defined (the
        // SQL backends return fields in key order, Redis a small hash in insertion order).
        all.put("exec-unordered-replies", """
                HSET $b x x 1 -2 m 3
                SADD $s z a q
                MULTI
                P HGETALL $b
                S2 HSCAN $b 0 COUNT 100
                U SMEMBERS $s
                HLEN $b
                EXEC
                """);
        all.put("watch", """
                SET $k 1
                WATCH $k
                GET $k
                MULTI
                INCR $k
                EXEC
                WATCH $k
                C2 SET $k 5
                MULTI
                INCR $k
                EXEC
                GET $k
                WATCH $k $other
                C2 DEL $other
                MULTI
                INCR $k
                EXEC
                WATCH $k
                C2 INCR $k
                UNWATCH
                MULTI
                INCR $k
                EXEC
                WATCH $h
                C2 HSET $h f v
                MULTI
                HGET $h f
                EXEC
                WATCH $h
                C2 HSET $h f v
                MULTI
                HGET $h f
                EXEC
                WATCH $h
                C2 HGET $h f
                MULTI
                HGET $h f
                EXEC
                WATCH $k
                MULTI
                WATCH $k
                DISCARD
                C2 SET $k 9
                MULTI
                GET $k
                EXEC
                """);
        all.put("multi-errors", """
                MULTI
                SET $k 1
                INCR $k
                LPUSH $k x
                GET $k
                EXEC
                MULTI
                SET $k 2
                LPUSH $k
                NOSUCHCOMMAND $k
                EXEC
                GET $k
                EXEC
                DISCARD
                MULTI
                MULTI
                SET $k 3
                DISCARD
                GET $k
                MULTI
                EXEC
                MULTI
                ZADD $z 1 a
                ZRANGE $z 0 -1 WITHSCORES
                ZPOPMIN $z 1
                HSET $h a 1
                HGETALL $h
                SADD $s x
                SMEMBERS $s
                ZSCORE $z a
                GET $none
                EXEC
                """);
    }
}
