package io.trustgate.translators.redis.differential;

import java.util.Map;

/**
 * Differential scripts for the commands the SQL engines run row by row in the middle of a collection: LSET,
 * LINSERT, LREM, LTRIM and LMOVE on lists whose head has moved below 0, SPOP, and ranks among equal scores,
 * infinities and members that differ only in case, trailing spaces or a NUL byte for ZRANGE by rank,
 * ZPOPMIN/ZPOPMAX, ZMPOP and ZREMRANGEBYRANK (see {@link DifferentialRunner} for the syntax).
 */
final class EditInTheMiddleScripts {

    private EditInTheMiddleScripts() {
    }

    static void addTo(Map<String, String> all) {
        all.put("list edits in the middle", """
                RPUSH $l c d e f
                LPUSH $l b a
                LSET $l 0 A
                LSET $l -1 F
                LSET $l 6 x
                LSET $l -7 x
                LSET $l x x
                LSET $none 0 x
                LINSERT $l BEFORE c c1
                LINSERT $l AFTER e e1
                LINSERT $l AFTER F end
                LINSERT $l BEFORE A start
                LINSERT $l before nope x
                LINSERT $none BEFORE a x
                LINSERT $l AROUND a x
                LRANGE $l 0 -1
                RPUSH $l x y x z x
                LREM $l 2 x
                LREM $l -1 x
                LREM $l 0 nope
                LREM $l x x
                LRANGE $l 0 -1
                LTRIM $l 1 -2
                LRANGE $l 0 -1
                LTRIM $l -3 100
                LRANGE $l 0 -1
                LTRIM $l 5 1
                EXISTS $l
                RPUSH $r a a a
                EXPIRE $r 100
                LREM $r 0 a
                T TTL $r
                EXISTS $r
                RPUSH $t a b c
                EXPIRE $t 100
                LSET $t 1 B
                LINSERT $t AFTER B b2
                LREM $t 1 a
                LTRIM $t 0 1
                T TTL $t
                LRANGE $t 0 -1
                SET $s x
                LSET $s 0 x
                LINSERT $s BEFORE a b
                LREM $s 0 a
                LTRIM $s 0 1
                """);
        all.put("watch sees an ltrim that keeps everything, not an lrem or linsert that finds nothing", """
                RPUSH $l a b
                WATCH $l
                C2 LTRIM $l 0 -1
                MULTI
                LLEN $l
                EXEC
                WATCH $l
                C2 LREM $l 0 zz
                C2 LINSERT $l BEFORE zz q
                C2 LTRIM $none 0 1
                MULTI
                LLEN $l
                EXEC
                """);
        all.put("lmove onto itself and across types", """
                RPUSH $one x
                EXPIRE $one 100
                LMOVE $one $one LEFT RIGHT
                T TTL $one
                LRANGE $one 0 -1
                RPUSH $l a b c
                LMOVE $l $l LEFT RIGHT
                RPOPLPUSH $l $l
                LRANGE $l 0 -1
                SET $s x
                LMOVE $l $s LEFT LEFT
                LMOVE $s $l LEFT LEFT
                LRANGE $l 0 -1
                LMOVE $l $new RIGHT LEFT
                LMOVE $l $new RIGHT LEFT
                LMOVE $l $new RIGHT LEFT
                EXISTS $l
                LRANGE $new 0 -1
                """);
        all.put("ranks among equal scores and infinities", """
                ZADD $z 0 x -0 "x " 0 X 0 "" +inf top -inf bottom 1e308 high -1e308 low 1.5 m
                ZRANGE $z 0 -1 WITHSCORES
                ZREVRANGE $z 0 -1 WITHSCORES
                ZRANGE $z 2 4
                ZRANGE $z -3 -2 REV WITHSCORES
                ZRANGE $z 8 100
                ZRANGE $z 9 100
                ZRANGE $z 3 1
                ZPOPMIN $z
                ZPOPMAX $z 2
                ZMPOP 1 $z MIN COUNT 2
                ZREMRANGEBYRANK $z 1 1
                ZRANGE $z 0 -1 WITHSCORES
                EXPIRE $z 100
                ZPOPMAX $z 0
                ZPOPMIN $z 1
                T TTL $z
                ZPOPMAX $z 10
                EXISTS $z
                ZPOPMIN $z
                ZPOPMIN $z -1
                SET $s x
                ZPOPMIN $s
                ZRANGE $s 0 -1
                ZREMRANGEBYRANK $s 0 1
                """);
        all.put("spop counts", """
                SADD $s a b c d e
                EXPIRE $s 100
                R SPOP $s
                R SPOP $s 2
                SCARD $s
                T TTL $s
                SPOP $s 0
                SPOP $s -1
                R SPOP $s 10
                EXISTS $s
                SPOP $s
                SPOP $s 3
                SET $str x
                SPOP $str
                """);
    }
}
