package io.trustgate.translators.redis.differential;

import java.util.Map;

/**
 * Differential scripts where a store that compares text rather than bytes would answer wrongly: keys, fields,
 * members and values that differ only in case, in trailing spaces, or that are empty or non-ASCII, and orders
 * that must be byte order (ZRANGEBYLEX, equal scores). See {@link DifferentialRunner} for the syntax.
 */
final class BytesScripts {

    private BytesScripts() {
    }

    static void addTo(Map<String, String> all) {
        all.put("bytes-keys-and-values", """
                SET $k lower
                SET $K upper
                SET "$k " trailing
                SET "$k  " two
                GET $k
                GET $K
                GET "$k "
                GET "$k  "
                EXISTS $k $K "$k " "$k  " $kk
                SET $e ""
                GET $e
                STRLEN $e
                EXISTS $e
                APPEND $e ""
                SET $u "é ü ß 日本"
                GET $u
                STRLEN $u
                GETRANGE $u 0 1
                SET $v "a  "
                GET $v
                APPEND $v " "
                STRLEN $v
                DEL $k
                GET $K
                GET "$k "
                RENAME $K "$K "
                GET "$K "
                EXISTS $K
                SET $bin\\xff\\x00\\xfe value\\x00\\xc3
                GET $bin\\xff\\x00\\xfe
                STRLEN $bin\\xff\\x00\\xfe
                EXISTS $bin\\xff\\x00\\xfe $bin\\xff
                HSET $bin\\xfe f\\xff v\\x80 f\\xfe w
                HGET $bin\\xfe f\\xff
                P HGETALL $bin\\xfe
                ZADD $binz 0 \\xff 0 \\x00 0 \\x7f 0 \\xc3\\xa9 0 a
                ZRANGE $binz 0 -1
                ZRANGEBYLEX $binz [\\x7f +
                SADD $bins \\xff \\xfe
                U SMEMBERS $bins
                RPUSH $binl \\xff \\x00
                LRANGE $binl 0 -1
                RENAME $binl $binl\\xff
                LRANGE $binl\\xff 0 -1
                TYPE $binl\\xff
                """);
        all.put("bytes-fields-and-members", """
                HSET $h f 1 F 2 "f " 3 "" 4 é 5 E 6
                HLEN $h
                HGET $h f
                HGET $h F
                HGET $h "f "
                HGET $h ""
                HGET $h é
                HDEL $h F
                HEXISTS $h f
                HEXISTS $h F
                P HGETALL $h
                SADD $s a A "a " "" ü u
                SCARD $s
                SISMEMBER $s A
                SISMEMBER $s "a  "
                SREM $s A
                U SMEMBERS $s
                SMISMEMBER $s a A "a " ""
                ZADD $z 0 a 0 A 0 "a " 0 "" 0 b 0 B 0 é 0 e 0 z 0 Z
                ZCARD $z
                ZRANGE $z 0 -1
                ZRANGEBYLEX $z - +
                ZRANGEBYLEX $z [a (b
                ZRANGEBYLEX $z (A [a
                ZREVRANGEBYLEX $z + -
                ZLEXCOUNT $z [B [e
                ZRANK $z é
                ZRANK $z "a "
                ZSCORE $z A
                ZREM $z A "a "
                ZRANGE $z 0 -1
                ZADD $z2 1 x 1 X 1 "x " 2 y
                ZRANGE $z2 0 -1 WITHSCORES
                ZRANGEBYSCORE $z2 1 1
                ZREVRANGE $z2 0 -1
                RPUSH $l a A "a " "" é
                LRANGE $l 0 -1
                LPOS $l A
                LPOS $l "a "
                LREM $l 0 a
                LRANGE $l 0 -1
                LINSERT $l BEFORE "" x
                LRANGE $l 0 -1
                """);
    }
}
