package io.trustgate.translators.redis.differential;

import java.util.Map;

/** Differential scripts for strings, counters and key expiry (see {@link DifferentialRunner} for the syntax). */
final class StringAndExpiryScripts {

    private StringAndExpiryScripts() {
    }

    static void addTo(Map<String, String> all) {
        all.put("strings", """
                SET $s hello
                GET $s
                SET $s world NX
                SET $s world XX GET
                SET $none v XX
                GET $none
                SET $s v NX GET
                SET $s v EX 0
                SET $s v EX -1
                SET $s v EX x
                SET $s v EX 10 PX 10
                SET $s v NX XX
                SET $s v KEEPTTL EX 10
                SETNX $s other
                SETNX $n2 v
                MSET $a 1 $b 2
                MGET $a $b $none
                MSETNX $a 3 $c 4
                MSETNX $c 4 $d 5
                MSET $a
                GETSET $a 10
                GETDEL $a
                GETDEL $a
                APPEND $b xyz
                APPEND $new abc
                STRLEN $b
                STRLEN $none
                GETRANGE $b 0 1
                GETRANGE $b -2 -1
                GETRANGE $b 5 1
                GETRANGE $none 0 -1
                SETRANGE $b 6 !
                GET $b
                SETRANGE $b -1 x
                SETRANGE $empty 0 ""
                EXISTS $empty
                SETRANGE $pad 3 x
                GET $pad
                INCR $n
                INCRBY $n 41
                DECR $n
                DECRBY $n 2
                INCRBY $n x
                INCRBY $n 9223372036854775807
                INCR $s
                INCRBYFLOAT $f 1.5
                INCRBYFLOAT $f 0.1
                INCRBYFLOAT $f -1.6
                INCRBYFLOAT $f 1e400
                INCRBYFLOAT $f inf
                INCRBYFLOAT $f x
                SET $f 3.0
                INCRBYFLOAT $f 1
                SET $f 5e3
                INCRBYFLOAT $f 0
                LPUSH $l a
                GET $l
                SET $l v
                TYPE $l
                """);
        all.put("expiry", """
                SET $k v EX 100
                T TTL $k
                SET $k v2 KEEPTTL
                T TTL $k
                SET $k v3
                T TTL $k
                SETEX $k 50 v
                T TTL $k
                SETEX $k 0 v
                SETEX $k -5 v
                PSETEX $k 0 v
                PSETEX $k 100000 v
                T TTL $k
                EXPIRE $k 200 LT
                EXPIRE $k 200 GT
                T TTL $k
                EXPIRE $k 10 NX
                EXPIRE $k 10 XX
                T TTL $k
                EXPIRE $k 10 NX XX
                EXPIRE $k 10 GT LT
                EXPIRE $k 10 FOO
                EXPIRE $none 10
                PERSIST $k
                PERSIST $k
                T TTL $k
                EXPIRE $k 10 GT
                EXPIRE $k 10 LT
                T TTL $k
                GETEX $k PERSIST
                T TTL $k
                GETEX $k EX 70
                T TTL $k
                GETEX $k EX 0
                GETEX $k EX 10 PX 10
                GETEX $none EX 10
                PEXPIRE $k 90000
                T TTL $k
                EXPIREAT $k 1
                EXISTS $k
                GET $k
                SET $k v
                PEXPIREAT $k 1
                EXISTS $k
                EXPIRE $k x
                T TTL $none
                PTTL $none
                EXPIRETIME $none
                PEXPIRETIME $none
                SET $k v
                EXPIRETIME $k
                EXPIREAT $k 4102444800
                EXPIRETIME $k
                PEXPIRETIME $k
                SET $k v EXAT 4102444800
                EXPIRETIME $k
                SET $k v PXAT 4102444800000
                PEXPIRETIME $k
                GETEX $k EXAT 4102444801
                EXPIRETIME $k
                HSET $h f v
                EXPIRE $h 100
                RENAME $h $h2
                T TTL $h2
                COPY $h2 $h3
                T TTL $h3
                """);
    }
}
