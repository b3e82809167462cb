package io.trustgate.redis.spi;

/** The kinds of value a key can hold, with the name Redis's TYPE command answers for each. */
public enum ValueType {
    STRING("string"),
    LIST("list"),
    HASH("hash"),
    SET("set"),
    ZSET("zset"),
    STREAM("stream");

    private final String redisName;

    ValueType(String redisName) {
        this.redisName = redisName;
    }

    /** The lower-case name TYPE and SCAN ... TYPE use. */
    public String redisName() {
        return redisName;
    }
}
