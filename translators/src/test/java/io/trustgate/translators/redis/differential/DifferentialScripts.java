package io.trustgate.translators.redis.differential;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hand-written command scripts {@link DifferentialTests} runs on Redis and on each keyspace backend (see
 * {@link DifferentialRunner} for the line syntax); the others are in {@link SortedSetScripts},
 * {@link StringAndExpiryScripts}, {@link PopAndStoreScripts}, {@link TransactionScripts}, {@link BytesScripts},
 * {@link ServerScripts} and {@link EditInTheMiddleScripts}.
 */
public final class DifferentialScripts {

    public static final Map<String, String> ALL = new LinkedHashMap<>();

    private DifferentialScripts() {
    }

    static {
        SortedSetScripts.addTo(ALL);
        StringAndExpiryScripts.addTo(ALL);
        PopAndStoreScripts.addTo(ALL);
        TransactionScripts.addTo(ALL);
        BytesScripts.addTo(ALL);
        ServerScripts.addTo(ALL);
        EditInTheMiddleScripts.addTo(ALL);
        ALL.put("hashes", """
                HSET $h a 1 b 2 c 3
                HSET $h a 10 d 4
                HSET $h a
                HMSET $h e 5 f
                HMSET $h e 5
                HSETNX $h a x
                HSETNX $h z 26
                HGET $h a
                HGET $h nope
                HGET $none a
                HMGET $h a nope b
                HMGET $none a b
                P HGETALL $h
                HGETALL $none
                HLEN $h
                HLEN $none
                HEXISTS $h a
                HEXISTS $h nope
                U HKEYS $h
                U HVALS $h
                HKEYS $none
                HSTRLEN $h a
                HSTRLEN $h nope
                HINCRBY $h a 5
                HINCRBY $h new -7
                HINCRBY $h a x
                HINCRBY $h a 9223372036854775807
                HSET $h s hello
                HINCRBY $h s 1
                HINCRBYFLOAT $h s 1
                HINCRBYFLOAT $h f 0.1
                HINCRBYFLOAT $h f 0.2
                HINCRBYFLOAT $h f 1e400
                HINCRBYFLOAT $h f abc
                HINCRBYFLOAT $h f inf
                HINCRBYFLOAT $h g 3.0e3
                HINCRBYFLOAT $h a 1.5
                HDEL $h a nope b
                HDEL $none a
                S2 HSCAN $h 0
                S2 HSCAN $h 0 MATCH [a-f]* COUNT 100
                HSCAN $h 0 COUNT 0
                HSCAN $h 0 TYPE hash
                HSCAN $h abc
                HSCAN $none 0
                HSCAN $none 0 COUNT 0
                HDEL $h c d e f g z new s
                EXISTS $h
                TYPE $h
                """);
        ALL.put("hrandfield", """
                HSET $h a 1 b 2 c 3
                HRANDFIELD $none
                HRANDFIELD $none 3
                HRANDFIELD $none 3 WITHVALUES
                R HRANDFIELD $h
                U HRANDFIELD $h 5
                P HRANDFIELD $h 3 WITHVALUES
                R HRANDFIELD $h 2
                R HRANDFIELD $h -7
                R HRANDFIELD $h -7 WITHVALUES
                HRANDFIELD $h 0
                HRANDFIELD $h 1 WITHSCORES
                HRANDFIELD $h 1 WITHVALUES x
                HRANDFIELD $h x
                HRANDFIELD $h -9223372036854775808
                HRANDFIELD $h -9223372036854775807 WITHVALUES
                SET $s x
                HRANDFIELD $s
                HRANDFIELD $s 2
                """);
        ALL.put("lists", """
                RPUSH $l a b c a b c a
                LSET $l 1 B
                LSET $l -1 Z
                LSET $l 7 x
                LSET $l -8 x
                LSET $l x x
                LSET $none 0 x
                LRANGE $l 0 -1
                LINSERT $l BEFORE c X
                LINSERT $l AFTER Z end
                LINSERT $l AFTER nope y
                LINSERT $l MIDDLE c y
                LINSERT $none BEFORE a b
                LRANGE $l 0 -1
                LREM $l 1 a
                LREM $l -1 c
                LREM $l 0 b
                LREM $l 0 nope
                LREM $l x a
                LREM $none 0 a
                LRANGE $l 0 -1
                RPUSH $p a b c 1 2 3 c c
                LPOS $p c
                LPOS $p c RANK 2
                LPOS $p c RANK -1
                LPOS $p c COUNT 0
                LPOS $p c COUNT 2 RANK -1
                LPOS $p c RANK 2 COUNT 0 MAXLEN 7
                LPOS $p c MAXLEN 2
                LPOS $p nope
                LPOS $p nope COUNT 0
                LPOS $p c RANK 0
                LPOS $p c COUNT -1
                LPOS $p c MAXLEN -1
                LPOS $p c COUNT x
                LPOS $p c RANK x
                LPOS $p c FOO 1
                LPOS $p c COUNT
                LPOS $none c
                LPOS $none c COUNT 1
                LTRIM $p 1 -2
                LRANGE $p 0 -1
                LTRIM $p -100 100
                LTRIM $p 5 2
                EXISTS $p
                LTRIM $none 0 1
                LTRIM $l x 1
                RPUSH $m 1 2 3
                LMOVE $m $n LEFT RIGHT
                LMOVE $m $n RIGHT LEFT
                LMOVE $m $m LEFT RIGHT
                LMOVE $m $n UP LEFT
                LRANGE $n 0 -1
                RPOPLPUSH $m $n
                EXISTS $m
                RPOPLPUSH $m $n
                LRANGE $n 0 -1
                RPUSH $q x
                LMOVE $q $q LEFT LEFT
                LRANGE $q 0 -1
                SET $str v
                LMOVE $n $str LEFT LEFT
                LMOVE $str $n LEFT LEFT
                LMOVE $none $str LEFT LEFT
                LRANGE $n 0 -1
                LPOP $n 2
                RPOP $n 5
                EXISTS $n
                LPOP $n 2
                """);
        ALL.put("sets", """
                SADD $s a b c
                SADD $s a d
                SCARD $s
                SCARD $none
                SISMEMBER $s a
                SISMEMBER $s z
                SISMEMBER $none a
                SMISMEMBER $s a z b
                SMISMEMBER $none a
                U SMEMBERS $s
                SMEMBERS $none
                SREM $s a z
                SREM $none a
                SADD $t c d e
                SADD $u 1 2 3 c
                U SINTER $s $t
                U SINTER $s $t $u
                SINTER $s $none
                U SUNION $s $t $none
                U SDIFF $s $t
                SDIFF $none $s
                U SDIFF $s $none
                SINTERSTORE $d $s $t
                U SMEMBERS $d
                SUNIONSTORE $d $s $t $u
                SDIFFSTORE $d $u $s
                U SMEMBERS $d
                SINTERSTORE $d $s $none
                EXISTS $d
                SET $str x
                SINTER $s $str
                SINTER $none $str
                SUNIONSTORE $str $s
                TYPE $str
                SINTERCARD 2 $s $t
                SINTERCARD 3 $s $t $u LIMIT 1
                SINTERCARD 2 $s $t LIMIT 0
                SINTERCARD 0 $s
                SINTERCARD x $s
                SINTERCARD 3 $s $t
                SINTERCARD 1 $s LIMIT -1
                SINTERCARD 1 $s LIMIT
                SINTERCARD 1 $s FOO 1
                SMOVE $s $t b
                SMOVE $s $t nope
                SMOVE $none $t a
                SMOVE $s $s c
                SMOVE $s $str c
                SMOVE $str $s c
                SMOVE $s $new c
                EXISTS $s
                U SMEMBERS $new
                S1 SSCAN $t 0
                S1 SSCAN $t 0 MATCH [bc]
                SSCAN $none 0
                SSCAN $t 0 COUNT 0
                """);
        ALL.put("spop-srandmember", """
                SADD $s a b c d
                SPOP $none
                SPOP $none 2
                SPOP $s 0
                SPOP $s -1
                SPOP $s x
                SPOP $s 1 2
                R SPOP $s
                R SPOP $s 2
                SCARD $s
                R SPOP $s 10
                EXISTS $s
                SADD $r x y z
                SRANDMEMBER $none
                SRANDMEMBER $none 5
                SRANDMEMBER $none -5
                R SRANDMEMBER $r
                U SRANDMEMBER $r 10
                R SRANDMEMBER $r 2
                R SRANDMEMBER $r -10
                SRANDMEMBER $r 0
                SRANDMEMBER $r x
                SRANDMEMBER $r 1 2
                SRANDMEMBER $r -9223372036854775808
                """);
        ALL.put("keys-and-types", """
                HSET $h f v
                SADD $s m
                ZADD $z 1 m
                RPUSH $l e
                SET $str v
                TYPE $h
                TYPE $s
                TYPE $z
                TYPE $l
                TYPE $none
                HGET $s f
                SADD $h m
                ZADD $l 1 m
                RPUSH $z e
                GET $h
                INCR $s
                HSET $z f v
                SISMEMBER $z m
                ZSCORE $h f
                LLEN $s
                HLEN $str
                SCARD $str
                COPY $h $h2
                HGET $h2 f
                HSET $h2 f changed
                HGET $h f
                COPY $s $s2
                SADD $s2 other
                SCARD $s
                COPY $z $z2
                ZINCRBY $z2 5 m
                ZSCORE $z m
                COPY $z $s REPLACE
                TYPE $s
                RENAME $h $h3
                EXISTS $h
                HGET $h3 f
                EXPIRE $h3 100
                HSET $h3 g w
                T TTL $h3
                SADD $z2 x
                EXPIRE $s2 100
                SADD $s2 more
                SREM $s2 m
                T TTL $s2
                EXPIRE $z2 100
                ZADD $z2 1 n
                ZREM $z2 m
                T TTL $z2
                EXPIRE $l 100
                LSET $l 0 E
                LINSERT $l AFTER E F
                T TTL $l
                DEL $h3 $s2 $z2 $l $str $none
                SINTERSTORE $dst $s
                EXPIRE $dst 100
                SUNIONSTORE $dst $s
                T TTL $dst
                """);
        ALL.put("empty-aggregates-delete-their-key", """
                HSET $h f v
                HDEL $h f
                EXISTS $h
                SADD $s m
                SREM $s m
                EXISTS $s
                SADD $s m
                SPOP $s
                EXISTS $s
                ZADD $z 1 m
                ZREM $z m
                EXISTS $z
                ZADD $z 1 m
                ZPOPMIN $z
                EXISTS $z
                ZADD $z 1 m
                ZREMRANGEBYSCORE $z -inf +inf
                EXISTS $z
                RPUSH $l a a
                LREM $l 0 a
                EXISTS $l
                RPUSH $l a
                LTRIM $l 1 0
                EXISTS $l
                RPUSH $l a
                RPOPLPUSH $l $l2
                EXISTS $l
                HSET $h f v
                TYPE $h
                """);
        ALL.put("multi-batches", """
                MULTI
                HSET $h a 1
                HINCRBY $h a 2
                SADD $s x y
                ZADD $z 1 m
                ZINCRBY $z 2 m
                LPUSH $l a b
                HGET $s a
                ZSCORE $z m
                SCARD $s
                EXEC
                MULTI
                SMOVE $s $t x
                SINTERSTORE $d $s $t
                ZPOPMAX $z
                RPOPLPUSH $l $l
                LRANGE $l 0 -1
                HDEL $h a
                EXISTS $h $z
                EXEC
                """);
    }
}
