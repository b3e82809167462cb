package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 frames straight into a buffer. Used where the gateway builds frames for a backend (sub-commands
 * of a split MGET, AUTH on connect) and for hot-path replies where building a {@code RedisMessage} tree first
 * would only cost allocations.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespWriter() {
    }

    public static void writeArrayHeader(ByteBuf buf, long count) {
        buf.writeByte('*');
        writeDecimal(buf, count);
    }

    public static void writeBulkHeader(ByteBuf buf, long length) {
        buf.writeByte('$');
        writeDecimal(buf, length);
    }

    public static void writeBulk(ByteBuf buf, byte[] value) {
        writeBulkHeader(buf, value.length);
        buf.writeBytes(value);
        buf.writeBytes(CRLF);
    }

    public static void writeBulk(ByteBuf buf, ByteBuf value) {
        writeBulkHeader(buf, value.readableBytes());
        buf.writeBytes(value, value.readerIndex(), value.readableBytes());
        buf.writeBytes(CRLF);
    }

    public static void writeBulk(ByteBuf buf, String value) {
        writeBulk(buf, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeInteger(ByteBuf buf, long value) {
        buf.writeByte(':');
        writeDecimal(buf, value);
    }

    public static void writeError(ByteBuf buf, String message) {
        buf.writeByte('-');
        ByteBufUtil.writeUtf8(buf, message.replace('\r', ' ').replace('\n', ' '));
        buf.writeBytes(CRLF);
    }

    public static void writeSimple(ByteBuf buf, String message) {
        buf.writeByte('+');
        ByteBufUtil.writeAscii(buf, message);
        buf.writeBytes(CRLF);
    }

    public static void writeCrlf(ByteBuf buf) {
        buf.writeBytes(CRLF);
    }

    private static void writeDecimal(ByteBuf buf, long value) {
        ByteBufUtil.writeAscii(buf, Long.toString(value));
        buf.writeBytes(CRLF);
    }
}
