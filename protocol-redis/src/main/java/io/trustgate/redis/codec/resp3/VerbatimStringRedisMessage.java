package io.trustgate.redis.codec.resp3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.RedisMessage;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A RESP3 verbatim string ({@code =<len>\r\n<fmt>:<text>}): text with a three-letter format such as {@code txt}
 * or {@code mkd}, which Redis uses for INFO-like replies meant for humans. A RESP2 connection gets a bulk string
 * of the text alone. Holds its text buffer; releasing the message releases it.
 */
public final class VerbatimStringRedisMessage extends DefaultByteBufHolder implements RedisMessage {

    private final String format;

    /**
     * @param format exactly three ASCII characters, none of them ':' or a control character
     * @param text   the text; ownership passes here
     */
    public VerbatimStringRedisMessage(String format, ByteBuf text) {
        super(text);
        this.format = checkFormat(format);
    }

    public VerbatimStringRedisMessage(String format, byte[] text) {
        this(format, Unpooled.wrappedBuffer(text));
    }

    public VerbatimStringRedisMessage(String format, String text) {
        this(format, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String checkFormat(String format) {
        Objects.requireNonNull(format, "format");
        if (format.length() != 3) {
            throw new IllegalArgumentException("a verbatim format is three characters, got '" + format + "'");
        }
        for (int i = 0; i < 3; i++) {
            char c = format.charAt(i);
            if (c <= ' ' || c > '~' || c == ':') {
                throw new IllegalArgumentException("bad character in verbatim format '" + format + "'");
            }
        }
        return format;
    }

    /** The three-letter format, {@code txt} or {@code mkd} in Redis. */
    public String format() {
        return format;
    }

    @Override
    public VerbatimStringRedisMessage replace(ByteBuf content) {
        return new VerbatimStringRedisMessage(format, content);
    }

    @Override
    public VerbatimStringRedisMessage copy() {
        return (VerbatimStringRedisMessage) super.copy();
    }

    @Override
    public VerbatimStringRedisMessage duplicate() {
        return (VerbatimStringRedisMessage) super.duplicate();
    }

    @Override
    public VerbatimStringRedisMessage retainedDuplicate() {
        return (VerbatimStringRedisMessage) super.retainedDuplicate();
    }

    @Override
    public VerbatimStringRedisMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public VerbatimStringRedisMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public VerbatimStringRedisMessage touch() {
        super.touch();
        return this;
    }

    @Override
    public VerbatimStringRedisMessage touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "VerbatimStringRedisMessage[format=" + format + ", length=" + content().readableBytes() + "]";
    }
}
