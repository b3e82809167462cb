package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.session.ReplySink;

import java.nio.charset.StandardCharsets;

/** A reply sink for unit tests: keeps the one answer as text (the RESP bytes, or {@code -error}) and releases
 *  the buffer at once, so tests never leak it. */
final class ClusterTestSink implements ReplySink {

    int answers;
    String reply;

    @Override
    public void complete(Object message) {
        answers++;
        if (message instanceof ByteBuf b) {
            reply = b.toString(StandardCharsets.UTF_8);
        } else if (message instanceof ErrorRedisMessage e) {
            reply = "-" + e.content() + "\r\n";
        } else {
            reply = String.valueOf(message);
        }
        ReferenceCountUtil.release(message);
    }

    @Override
    public void fail(String error) {
        answers++;
        reply = "-" + error + "\r\n";
    }
}
