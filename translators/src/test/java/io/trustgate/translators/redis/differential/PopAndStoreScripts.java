package io.trustgate.translators.redis.differential;

import java.util.Map;

/**
 * Differential scripts for LMPOP, ZMPOP, their blocking forms with data present or a short timeout, and
 * ZRANGESTORE (see {@link DifferentialRunner} for the syntax).
 */
final class PopAndStoreScripts {

    private PopAndStoreScripts() {
    }

    static void addTo(Map<String, String> all) {
        all.put("lmpop", """
                RPUSH $l a b c d e
                LMPOP 1 $l LEFT
                LMPOP 1 $l RIGHT COUNT 2
                LMPOP 2 $none $l left count 10
                EXISTS $l
                LMPOP 2 $none $l LEFT
                RPUSH $l2 x
                LMPOP 3 $none $l2 $l RIGHT
                LMPOP 0 $l LEFT
                LMPOP -1 $l LEFT
                LMPOP x $l LEFT
                LMPOP 3 $l LEFT
                LMPOP 2000000000 $l LEFT
                LMPOP 1 $l MIDDLE
                LMPOP 1 $l LEFT COUNT 0
                LMPOP 1 $l LEFT COUNT -1
                LMPOP 1 $l LEFT COUNT x
                LMPOP 1 $l LEFT COUNT 1 COUNT 2
                LMPOP 1 $l LEFT FOO
                LMPOP 1 $l LEFT COUNT
                LMPOP
                SET $s x
                RPUSH $l3 q
                LMPOP 2 $none $s LEFT
                LMPOP 2 $l3 $s LEFT
                BLMPOP 0.01 2 $none $s LEFT
                RPUSH $l4 1 2 3
                BLMPOP 0 1 $l4 RIGHT COUNT 2
                BLMPOP 0.01 1 $none LEFT
                BLMPOP -1 1 $l4 LEFT
                BLMPOP x 1 $l4 LEFT
                BLMPOP 0.01 0 $l4 LEFT
                BLMPOP 0.01 1 $l4 LEFT COUNT 0
                MULTI
                BLMPOP 0 1 $none LEFT
                LMPOP 1 $l4 LEFT
                EXEC
                """);
        all.put("zmpop", """
                ZADD $z 1 a 2 b 3 c 4 d
                ZMPOP 1 $z MIN
                ZMPOP 1 $z MAX COUNT 2
                ZMPOP 2 $none $z min count 10
                EXISTS $z
                ZMPOP 1 $z MIN
                ZMPOP 0 $z MIN
                ZMPOP 1 $z LEFT
                ZMPOP 1 $z MIN COUNT 0
                ZMPOP 1 $z MIN COUNT 1 COUNT 1
                ZMPOP 3 $z MIN
                SET $s x
                ZADD $z2 -inf lo inf hi 0.5 mid
                ZMPOP 2 $none $s MIN
                ZMPOP 2 $z2 $s MAX COUNT 3
                BZMPOP 0.01 2 $none $s MIN
                ZADD $z3 1 a 2 b
                BZMPOP 0 1 $z3 MAX
                BZMPOP 0.01 1 $none MIN
                BZMPOP -1 1 $z3 MIN
                BZMPOP 0.01 1 $z3 MIN COUNT 0
                MULTI
                BZMPOP 0 1 $none MIN
                ZMPOP 1 $z3 MIN COUNT 5
                EXEC
                """);
        all.put("zrangestore", """
                ZADD $z 1 a 2 b 3 c 4 d 5 e
                ZRANGESTORE $d $z 0 -1
                ZRANGE $d 0 -1 WITHSCORES
                ZRANGESTORE $d $z 1 2 REV
                ZRANGE $d 0 -1 WITHSCORES
                ZRANGESTORE $d $z (1 +inf BYSCORE LIMIT 1 2
                ZRANGE $d 0 -1 WITHSCORES
                ZRANGESTORE $d $z +inf -inf BYSCORE REV LIMIT 0 2
                ZRANGE $d 0 -1 WITHSCORES
                ZRANGESTORE $d $z [b + BYLEX
                ZRANGE $d 0 -1 WITHSCORES
                ZRANGESTORE $d $z 0 -1 WITHSCORES
                ZRANGESTORE $d $z 0 -1 LIMIT 0 1
                ZRANGESTORE $d $z 5 1
                EXISTS $d
                ZRANGESTORE $d $z 0 -1
                ZRANGESTORE $d $none 0 -1
                EXISTS $d
                SET $s x
                ZRANGESTORE $d $s 0 -1
                ZRANGESTORE $s $z 0 1
                TYPE $s
                EXPIRE $s 100
                ZRANGESTORE $s $z 0 1
                T TTL $s
                ZRANGESTORE $z $z 1 2
                ZRANGE $z 0 -1 WITHSCORES
                ZRANGESTORE $d $z x 1
                ZRANGESTORE $d $z (x 1 BYSCORE
                ZRANGESTORE $d $z a b BYLEX
                """);
        // inputs of distinct sizes: Redis's qsort leaves the order of equal sizes to the C library
        all.put("algebrastore", """
                ZADD $i1 inf a -inf b 1 p
                ZADD $i2 -inf a inf b
                ZADD $i3 5 a 5 b 1 q 2 r
                ZUNION 3 $i3 $i1 $i2 WITHSCORES
                ZUNIONSTORE $d 3 $i3 $i1 $i2 WEIGHTS 1 2 3
                ZRANGE $d 0 -1 WITHSCORES
                ZINTER 3 $i3 $i1 $i2 WEIGHTS -1 0.5 2 AGGREGATE SUM WITHSCORES
                ZUNION 2 $i1 $i2 WEIGHTS 1 nan
                ZUNIONSTORE $d 2 $i1 $i2 WEIGHTS nan 1
                ZINTERSTORE $d 2 $i1 $i3 WEIGHTS 0 1 AGGREGATE MIN
                ZRANGE $d 0 -1 WITHSCORES
                PEXPIRE $i1 100000
                ZUNIONSTORE $i1 2 $i1 $i2 AGGREGATE MAX
                PTTL $i1
                ZRANGE $i1 0 -1 WITHSCORES
                PEXPIRE $i3 100000
                ZDIFFSTORE $i3 2 $i3 $i2
                PTTL $i3
                ZRANGE $i3 0 -1 WITHSCORES
                ZINTERSTORE $i1 2 $i1 $none
                EXISTS $i1
                SADD $s1 a q z
                SADD $s2 q
                PEXPIRE $s1 100000
                SINTERSTORE $s1 $s1 $i3
                SUNIONSTORE $s1 $s1 $s2
                PTTL $s1
                U SMEMBERS $s2
                SINTERSTORE $s2 $s1 $s2
                U SMEMBERS $s2
                SDIFFSTORE $s2 $s2 $s1
                EXISTS $s2
                SET $str v
                EXPIRE $str 100
                SDIFFSTORE $str $s1 $none
                T TTL $str
                ZINTERSTORE $str 2 $s1 $i3
                ZRANGE $str 0 -1 WITHSCORES
                """);
    }
}
