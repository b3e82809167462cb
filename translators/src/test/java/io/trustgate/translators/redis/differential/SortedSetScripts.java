package io.trustgate.translators.redis.differential;

import java.util.Map;

/** The sorted-set scripts of {@link DifferentialScripts}. */
final class SortedSetScripts {

    private SortedSetScripts() {
    }

    static void addTo(Map<String, String> all) {
        all.put("zsets", """
                ZADD $z 1 a 2 b 3 c
                ZADD $z 0.1 x 1e20 y -inf lo +inf hi 1.5 d
                ZADD $z NX 5 a 6 e
                ZADD $z XX CH 7 a 8 f
                ZADD $z GT CH 1 a 100 b
                ZADD $z LT CH 1 a 100 c
                ZADD $z INCR 2 a
                ZADD $z INCR NX 2 a
                ZADD $z INCR XX 2 nope
                ZADD $z INCR GT -1 a
                ZADD $z NX XX 1 a
                ZADD $z GT LT 1 a
                ZADD $z NX GT 1 a
                ZADD $z INCR 1 a 2 b
                ZADD $z 1
                ZADD $z 1 a 2
                ZADD $z x a
                ZADD $z nan a
                ZADD $z 1e400 a
                ZADD $z " 1" a
                ZADD $z 0x10 hex
                ZADD $z XX 1 brandnew
                ZADD $none XX 1 a
                EXISTS $none
                ZINCRBY $z 1.5 a
                ZINCRBY $z 1 new
                ZINCRBY $z x a
                ZINCRBY $z -inf hi
                ZINCRBY $z inf lo
                ZRANGE $z 0 -1 WITHSCORES
                ZSCORE $z x
                ZSCORE $z y
                ZSCORE $z nope
                ZSCORE $none a
                ZMSCORE $z a nope x
                ZMSCORE $none a b
                ZCARD $z
                ZCARD $none
                ZRANK $z a
                ZREVRANK $z a
                ZRANK $z nope
                ZRANK $none a
                ZREM $z a nope b
                ZREM $none a
                ZRANGE $z 0 -1
                ZADD $z -0 zero 0 zero2
                ZSCORE $z zero
                ZRANGE $z 0 -1 WITHSCORES
                ZADD $z 0.30000000000000004 p 123456789.123 q 1e-7 r -2.5e-300 s
                ZRANGE $z 0 -1 WITHSCORES
                S2 ZSCAN $z 0
                S2 ZSCAN $z 0 MATCH [pq]
                ZSCAN $none 0
                SET $str x
                ZADD $str 1 a
                ZSCORE $str a
                ZRANGE $str 0 -1
                ZCARD $str
                TYPE $z
                """);
        all.put("zset-ranges", """
                ZADD $z 1 a 2 b 3 c 4 d 5 e 5 f 6 g
                ZRANGE $z 1 3
                ZRANGE $z -3 -1 WITHSCORES
                ZRANGE $z 5 100
                ZRANGE $z 3 1
                ZRANGE $z 0 -1 REV
                ZRANGE $z 0 1 REV WITHSCORES
                ZRANGE $z 0 -1 LIMIT 0 2
                ZRANGE $z 0 -1 LIMIT 0 -1
                ZRANGE $z 0 -1 BYLEX
                ZRANGE $z a b
                ZRANGE $z 2 5 BYSCORE
                ZRANGE $z (2 5 BYSCORE WITHSCORES
                ZRANGE $z 2 (5 BYSCORE
                ZRANGE $z 5 2 BYSCORE REV
                ZRANGE $z +inf -inf BYSCORE REV LIMIT 1 3
                ZRANGE $z -inf +inf BYSCORE LIMIT 2 2 WITHSCORES
                ZRANGE $z -inf +inf BYSCORE LIMIT -1 2
                ZRANGE $z -inf +inf BYSCORE LIMIT 100 2
                ZRANGE $z -inf +inf BYSCORE LIMIT 1 -1
                ZRANGE $z -inf +inf BYSCORE LIMIT 1 0
                ZRANGE $z -inf +inf BYSCORE LIMIT 1
                ZRANGE $z x y BYSCORE
                ZRANGE $z "" 3 BYSCORE
                ZRANGE $z ( 3 BYSCORE
                ZRANGE $z " 2" 3 BYSCORE
                ZRANGE $z 1e400 -1e400 BYSCORE REV
                ZRANGE $z 0 -1 BYSCORE BYLEX
                ZRANGE $z 0 -1 REV REV
                ZRANGE $z 0 -1 FOO
                ZRANGE $z - + BYLEX WITHSCORES
                ZRANGE $none 0 -1
                ZRANGE $none x y BYSCORE
                ZRANGEBYSCORE $z 2 4
                ZRANGEBYSCORE $z (2 (5 WITHSCORES
                ZRANGEBYSCORE $z -inf +inf LIMIT 1 2
                ZRANGEBYSCORE $z -inf +inf REV
                ZRANGEBYSCORE $z -inf +inf BYSCORE
                ZRANGEBYSCORE $z a b
                ZREVRANGEBYSCORE $z 4 2
                ZREVRANGEBYSCORE $z +inf -inf WITHSCORES LIMIT 0 3
                ZREVRANGE $z 0 2
                ZREVRANGE $z 0 2 WITHSCORES
                ZREVRANGE $z 0 2 LIMIT 0 1
                ZCOUNT $z 2 5
                ZCOUNT $z (2 (5
                ZCOUNT $z -inf +inf
                ZCOUNT $z 5 2
                ZCOUNT $z x 1
                ZCOUNT $none 0 1
                ZADD $lex 0 a 0 b 0 c 0 d 0 e 0 ff 0 g
                ZRANGEBYLEX $lex - +
                ZRANGEBYLEX $lex [b (e
                ZRANGEBYLEX $lex (b [e LIMIT 1 2
                ZRANGEBYLEX $lex + -
                ZRANGEBYLEX $lex [f +
                ZRANGEBYLEX $lex - [c
                ZRANGEBYLEX $lex a c
                ZRANGEBYLEX $lex "" c
                ZRANGEBYLEX $lex -x +
                ZRANGEBYLEX $lex [b [e WITHSCORES
                ZREVRANGEBYLEX $lex + -
                ZREVRANGEBYLEX $lex [e (b
                ZREVRANGEBYLEX $lex + - LIMIT 2 2
                ZRANGE $lex [e [b BYLEX REV
                ZLEXCOUNT $lex - +
                ZLEXCOUNT $lex [b (e
                ZLEXCOUNT $lex a b
                ZLEXCOUNT $none - +
                ZREMRANGEBYLEX $lex [b (d
                ZRANGE $lex 0 -1
                ZREMRANGEBYLEX $lex x y
                ZREMRANGEBYLEX $lex - +
                EXISTS $lex
                ZADD $mixed 1 x -1 y 5 a
                ZRANGEBYLEX $mixed - [z
                ZRANGEBYLEX $mixed [b [z
                ZREVRANGEBYLEX $mixed [z [b
                ZREVRANGEBYLEX $mixed [x -
                ZLEXCOUNT $mixed [b [z
                ZREMRANGEBYLEX $mixed ["x " [é
                ZREMRANGEBYLEX $mixed [a [x
                ZRANGE $mixed 0 -1 WITHSCORES
                ZREMRANGEBYSCORE $z (1 2
                ZREMRANGEBYSCORE $z x 2
                ZREMRANGEBYSCORE $none 0 1
                ZRANGE $z 0 -1 WITHSCORES
                ZREMRANGEBYRANK $z 0 0
                ZREMRANGEBYRANK $z -2 -1
                ZREMRANGEBYRANK $z 5 1
                ZREMRANGEBYRANK $z x 1
                ZRANGE $z 0 -1
                ZREMRANGEBYRANK $z 0 -1
                EXISTS $z
                """);
        all.put("zset-row-ranges", """
                ZADD $t 1 b 1 a 1 \\xc3 1 \\x7f 2 x -inf ni +inf pi 0 z -0 y
                ZRANGEBYSCORE $t 1 1
                ZREVRANGEBYSCORE $t 1 1 WITHSCORES
                ZRANGEBYSCORE $t 0 0 WITHSCORES
                ZRANGEBYSCORE $t (1 +inf
                ZRANGEBYSCORE $t (-inf (+inf
                ZRANGEBYSCORE $t +inf +inf
                ZRANGEBYSCORE $t -inf -inf WITHSCORES
                ZRANGEBYSCORE $t (+inf +inf
                ZRANGEBYSCORE $t -inf (-inf
                ZRANGEBYSCORE $t 1 1 LIMIT 1 2
                ZRANGEBYSCORE $t -inf +inf LIMIT 8 5
                ZRANGEBYSCORE $t -inf +inf LIMIT 9 5
                ZRANGEBYSCORE $t -inf +inf LIMIT 100 -1
                ZRANGEBYSCORE $t -inf +inf LIMIT 7 -1
                ZREVRANGEBYSCORE $t +inf -inf LIMIT 1 2 WITHSCORES
                ZRANGE $t (0 1 BYSCORE LIMIT 3 10
                ZRANGE $t +inf (1 BYSCORE REV LIMIT 0 1
                ZCOUNT $t 1 1
                ZCOUNT $t (-inf (+inf
                ZCOUNT $t (1 (1
                ZRANK $t ni
                ZRANK $t z
                ZRANK $t \\xc3
                ZREVRANK $t \\xc3
                ZREVRANK $t pi
                ZRANK $t pi
                ZRANGESTORE $d $t 1 1 BYSCORE LIMIT 1 2
                ZRANGE $d 0 -1 WITHSCORES
                ZREMRANGEBYSCORE $t (1 +inf
                ZREMRANGEBYSCORE $t -inf -inf
                ZREMRANGEBYSCORE $t (5 (5
                ZRANGE $t 0 -1 WITHSCORES
                ZADD $b 0 a 0 "a " 0 a\\x00 0 b 0 \\x7f 0 \\x80 0 \\xff 0 \\xc3\\xa9
                ZRANGEBYLEX $b - +
                ZRANGEBYLEX $b (\\x7f +
                ZRANGEBYLEX $b - (\\x80
                ZREVRANGEBYLEX $b [\\xc3\\xa9 (a LIMIT 1 3
                ZRANGEBYLEX $b (a ("a "
                ZRANGEBYLEX $b - + LIMIT 8 1
                ZLEXCOUNT $b [\\x80 +
                ZRANK $b \\x80
                ZREVRANK $b a
                ZRANGESTORE $d $b [b + BYLEX
                ZRANGE $d 0 -1
                ZREMRANGEBYLEX $b (a [\\x80
                ZRANGE $b 0 -1
                ZADD $m 1 b 2 a 3 d 4 c
                ZRANGEBYLEX $m [b +
                ZRANGEBYLEX $m [a [c
                ZRANGEBYLEX $m [a [c LIMIT 1 5
                ZREVRANGEBYLEX $m [c [a
                ZRANGEBYLEX $m [c +
                ZRANGEBYLEX $m (c +
                ZLEXCOUNT $m [a [c
                ZREMRANGEBYLEX $m [a [c
                ZRANGE $m 0 -1
                SET $str v
                ZRANGEBYLEX $str - +
                ZLEXCOUNT $str - +
                ZREVRANK $str a
                ZREMRANGEBYLEX $str - +
                """);
        all.put("zset-pop-algebra", """
                ZADD $z 1 a 2 b 3 c 4 d
                ZPOPMIN $z
                ZPOPMAX $z
                ZPOPMIN $z 0
                ZPOPMIN $z -1
                ZPOPMIN $z x
                ZPOPMIN $z 1 2
                ZPOPMAX $z 10
                EXISTS $z
                ZPOPMIN $none
                ZPOPMIN $none 2
                ZADD $a 1 x 2 y 3 z
                ZADD $b 10 y 20 z 30 w
                SADD $s x w v
                ZUNIONSTORE $d 2 $a $b
                ZRANGE $d 0 -1 WITHSCORES
                ZUNIONSTORE $d 3 $a $b $s WEIGHTS 2 0.5 -1 AGGREGATE MAX
                ZRANGE $d 0 -1 WITHSCORES
                ZINTERSTORE $d 2 $a $b AGGREGATE MIN
                ZRANGE $d 0 -1 WITHSCORES
                ZINTERSTORE $d 2 $a $b WEIGHTS 1 inf
                ZRANGE $d 0 -1 WITHSCORES
                ZINTERSTORE $d 2 $a $s
                ZRANGE $d 0 -1 WITHSCORES
                ZINTERSTORE $d 2 $a $none
                EXISTS $d
                ZUNIONSTORE $d 1 $none
                ZUNIONSTORE $d 0 $a
                ZUNIONSTORE $d -1 $a
                ZUNIONSTORE $d x $a
                ZUNIONSTORE $d 3 $a $b
                ZUNIONSTORE $d 2 $a $b WEIGHTS 1
                ZUNIONSTORE $d 2 $a $b WEIGHTS 1 x
                ZUNIONSTORE $d 2 $a $b AGGREGATE avg
                ZUNIONSTORE $d 2 $a $b WITHSCORES
                SET $str v
                ZPOPMIN $str 0
                ZPOPMAX $str
                ZUNIONSTORE $d 2 $a $str
                ZUNIONSTORE $str 1 $a
                TYPE $str
                ZADD $i1 inf a -inf b
                ZADD $i2 -inf a inf b
                ZUNIONSTORE $d 2 $i1 $i2
                ZRANGE $d 0 -1 WITHSCORES
                ZUNIONSTORE $d 1 $i1 WEIGHTS 0
                ZRANGE $d 0 -1 WITHSCORES
                ZUNION 2 $a $b WITHSCORES
                ZINTER 2 $a $b
                ZDIFF 2 $b $a WITHSCORES
                ZDIFFSTORE $d 2 $b $a
                ZDIFF 2 $a $b WEIGHTS 1 1
                ZINTERCARD 2 $a $b
                ZINTERCARD 2 $a $b LIMIT 1
                ZINTERCARD 0 $a
                ZINTERCARD 1 $a LIMIT -1
                ZRANDMEMBER $none
                ZRANDMEMBER $none 2
                R ZRANDMEMBER $a
                P ZRANDMEMBER $a 5 WITHSCORES
                U ZRANDMEMBER $a 3
                R ZRANDMEMBER $a -5 WITHSCORES
                ZRANDMEMBER $a 0
                ZRANDMEMBER $a 1 WITHVALUES
                ZRANDMEMBER $a x
                """);
        all.put("zset-large", large());
    }

    /**
     * Sets past Redis's listpack limit (128 members), which Redis keeps as a skiplist and the embedded engine as a
     * B+-tree of several levels: ranks, rank and score ranges, counts and pops far from either end; lex ranges
     * only over one score, where the order is defined.
     */
    private static String large() {
        StringBuilder big = new StringBuilder("ZADD $big");
        StringBuilder lex = new StringBuilder("ZADD $lex");
        for (int i = 0; i < 600; i++) {
            big.append(' ').append(i % 17).append(" m").append(i * 7919 % 1000);
            lex.append(" 0 m").append(i * 7919 % 1000);
        }
        return big + "\n" + lex + "\n" + """
                ZCARD $big
                ZRANK $big m7
                ZREVRANK $big m7
                ZRANK $big m999
                ZRANGE $big 250 262 WITHSCORES
                ZRANGE $big -20 -1
                ZREVRANGE $big 300 310 WITHSCORES
                ZRANGEBYSCORE $big (3 5 LIMIT 10 5
                ZRANGEBYSCORE $big 16 +inf WITHSCORES
                ZREVRANGEBYSCORE $big 16 (10 WITHSCORES LIMIT 3 4
                ZRANGE $big (4 9 BYSCORE LIMIT 20 3
                ZCOUNT $big 4 (9
                ZCOUNT $big -inf +inf
                ZCOUNT $big (16 +inf
                ZADD $big 8.5 m7 -1 m999
                ZRANK $big m7
                ZRANK $big m999
                ZREMRANGEBYSCORE $big 2 3
                ZREMRANGEBYRANK $big 10 140
                ZPOPMIN $big 5
                ZPOPMAX $big 5
                ZCARD $big
                ZRANGE $big 0 -1 WITHSCORES
                R ZRANDMEMBER $big 5 WITHSCORES
                ZRANGEBYLEX $lex [m100 (m150 LIMIT 2 10
                ZREVRANGEBYLEX $lex [m900 - LIMIT 0 5
                ZREVRANGEBYLEX $lex (m500 [m450
                ZLEXCOUNT $lex (m200 +
                ZLEXCOUNT $lex [m3 [m3
                ZREMRANGEBYLEX $lex [m3 (m5
                ZRANK $lex m6
                ZRANGE $lex 0 -1
                """;
    }
}
