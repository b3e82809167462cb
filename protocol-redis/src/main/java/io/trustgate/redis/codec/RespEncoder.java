package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.resp3.BigNumberRedisMessage;
import io.trustgate.redis.codec.resp3.BlobErrorRedisMessage;
import io.trustgate.redis.codec.resp3.BooleanRedisMessage;
import io.trustgate.redis.codec.resp3.DoubleRedisMessage;
import io.trustgate.redis.codec.resp3.MapRedisMessage;
import io.trustgate.redis.codec.resp3.NullRedisMessage;
import io.trustgate.redis.codec.resp3.PairsRedisMessage;
import io.trustgate.redis.codec.resp3.PushRedisMessage;
import io.trustgate.redis.codec.resp3.SetRedisMessage;
import io.trustgate.redis.codec.resp3.VerbatimStringRedisMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the replies of one client connection in the RESP version it negotiated. Replaces netty's
 * {@code RedisEncoder}, whose output it reproduces byte for byte for every netty-codec-redis type on a RESP2
 * connection, and adds the RESP3 types of {@link io.trustgate.redis.codec.resp3}:
 * <ul>
 *   <li>on a RESP3 connection they are written natively, and netty's null bulk string and null array become
 *       the RESP3 null {@code _};</li>
 *   <li>on a RESP2 connection they are downgraded as Redis downgrades them: map to a flat array of keys and
 *       values, set and push to an array, pairs (WITHSCORES) to a flat array, double and big number to a bulk
 *       string of their digits, boolean to
 *       {@code :1}/{@code :0}, null to {@code $-1}, verbatim string to a bulk string of its text, blob error to
 *       a one-line simple error. Aggregates are encoded recursively.</li>
 * </ul>
 * A {@link RespVersion} written to the channel switches the version for every later message and writes
 * nothing. Any other message, in particular a {@code ByteBuf} (a passthrough frame), goes on untouched.
 *
 * <p>Owns each {@code RedisMessage} it is given and releases it once encoded; bulk contents over
 * {@link FrameOutput#COPY_LIMIT} bytes are sent as retained slices, never copied. One instance per channel,
 * used on its event loop only.
 */
public final class RespEncoder extends ChannelOutboundHandlerAdapter {

    private static final byte[] NULL3 = {'_', '\r', '\n'};
    private static final byte[] NULL_BULK = {'$', '-', '1', '\r', '\n'};
    private static final byte[] NULL_ARRAY = {'*', '-', '1', '\r', '\n'};
    private static final byte[] TRUE3 = {'#', 't', '\r', '\n'};
    private static final byte[] FALSE3 = {'#', 'f', '\r', '\n'};
    private static final byte[] ONE = {':', '1', '\r', '\n'};
    private static final byte[] ZERO = {':', '0', '\r', '\n'};

    private boolean resp3;

    /** The version replies are written in right now. */
    public RespVersion version() {
        return resp3 ? RespVersion.RESP3 : RespVersion.RESP2;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof RespVersion version) {
            resp3 = version == RespVersion.RESP3;
            promise.trySuccess();
            return;
        }
        if (!(msg instanceof RedisMessage message)) {
            ctx.write(msg, promise);
            return;
        }
        FrameOutput out = new FrameOutput(ctx.alloc());
        try {
            encode(message, resp3, out);
        } catch (RuntimeException e) {
            out.discard();
            ReferenceCountUtil.release(msg);
            promise.tryFailure(e instanceof EncoderException ? e : new EncoderException(e));
            return;
        }
        ReferenceCountUtil.release(msg);
        out.writeTo(ctx, promise);
    }

    /**
     * Appends {@code msg} to {@code out} in RESP3 when {@code resp3}, else in RESP2; does not release it. Throws
     * {@link EncoderException} for a message it does not know. {@link WriteBatcher} encodes with it too.
     */
    static void encode(RedisMessage msg, boolean resp3, FrameOutput out) {
        if (msg instanceof FullBulkStringRedisMessage bulk) {
            if (bulk.isNull()) {
                out.raw(resp3 ? NULL3 : NULL_BULK);
            } else {
                bulk(bulk.content(), out);
            }
        } else if (msg instanceof SimpleStringRedisMessage simple) {
            out.line((byte) '+', simple.content());
        } else if (msg instanceof IntegerRedisMessage integer) {
            out.line((byte) ':', integer.value());
        } else if (msg instanceof ErrorRedisMessage error) {
            out.line((byte) '-', error.content());
        } else if (msg instanceof ArrayRedisMessage array) {
            if (array.isNull()) {
                out.raw(resp3 ? NULL3 : NULL_ARRAY);
            } else {
                aggregate('*', array.children().size(), array.children(), resp3, out);
            }
        } else if (msg instanceof MapRedisMessage map) {
            aggregate(resp3 ? '%' : '*', resp3 ? map.pairCount() : map.children().size(), map.children(), resp3,
                    out);
        } else if (msg instanceof PairsRedisMessage pairs) {
            pairs(pairs, resp3, out);
        } else if (msg instanceof SetRedisMessage set) {
            aggregate(resp3 ? '~' : '*', set.children().size(), set.children(), resp3, out);
        } else if (msg instanceof DoubleRedisMessage number) {
            ascii(',', number.text(), resp3, out);
        } else if (msg instanceof NullRedisMessage) {
            out.raw(resp3 ? NULL3 : NULL_BULK);
        } else if (msg instanceof BooleanRedisMessage bool) {
            out.raw(bool.value() ? (resp3 ? TRUE3 : ONE) : (resp3 ? FALSE3 : ZERO));
        } else if (msg instanceof PushRedisMessage push) {
            aggregate(resp3 ? '>' : '*', push.children().size(), push.children(), resp3, out);
        } else if (msg instanceof BigNumberRedisMessage big) {
            ascii('(', big.value().toString(), resp3, out);
        } else if (msg instanceof VerbatimStringRedisMessage verbatim) {
            verbatim(verbatim, resp3, out);
        } else if (msg instanceof BlobErrorRedisMessage error) {
            blobError(error, resp3, out);
        } else {
            streamed(msg, resp3, out);
        }
    }

    /** The pieces of a streamed bulk string or array, and inline commands, as netty writes them. */
    private static void streamed(RedisMessage msg, boolean resp3, FrameOutput out) {
        if (msg instanceof BulkStringHeaderRedisMessage header) {
            if (header.isNull()) {
                out.raw(resp3 ? NULL3 : NULL_BULK);
            } else {
                out.line((byte) '$', header.bulkStringLength());
            }
        } else if (msg instanceof LastBulkStringRedisContent last) {
            out.content(last.content());
            out.crlf();
        } else if (msg instanceof BulkStringRedisContent content) {
            out.content(content.content());
        } else if (msg instanceof ArrayHeaderRedisMessage header) {
            if (header.isNull()) {
                out.raw(resp3 ? NULL3 : NULL_ARRAY);
            } else {
                out.line((byte) '*', header.length());
            }
        } else if (msg instanceof InlineCommandRedisMessage inline) {
            out.raw(inline.content().getBytes(StandardCharsets.UTF_8));
            out.crlf();
        } else {
            throw new EncoderException("unknown message type: " + msg);
        }
    }

    private static void aggregate(char type, int count, List<RedisMessage> children, boolean resp3,
                                  FrameOutput out) {
        out.line((byte) type, count);
        for (RedisMessage child : children) {
            encode(child, resp3, out);
        }
    }

    /** RESP3: an array of two-element arrays; RESP2: one flat array. */
    private static void pairs(PairsRedisMessage pairs, boolean resp3, FrameOutput out) {
        List<RedisMessage> children = pairs.children();
        if (!resp3) {
            aggregate('*', children.size(), children, resp3, out);
            return;
        }
        out.line((byte) '*', pairs.pairCount());
        for (int i = 0; i < children.size(); i += 2) {
            out.line((byte) '*', 2);
            encode(children.get(i), resp3, out);
            encode(children.get(i + 1), resp3, out);
        }
    }

    private static void bulk(ByteBuf content, FrameOutput out) {
        out.line((byte) '$', content.readableBytes());
        out.content(content);
        out.crlf();
    }

    /** A value Redis sends as {@code <type><text>} in RESP3 and as a bulk string of the text in RESP2. */
    private static void ascii(char type, String text, boolean resp3, FrameOutput out) {
        if (resp3) {
            out.line((byte) type, text);
        } else {
            out.line((byte) '$', text.length());
            out.raw(text.getBytes(StandardCharsets.US_ASCII));
            out.crlf();
        }
    }

    private static void verbatim(VerbatimStringRedisMessage verbatim, boolean resp3, FrameOutput out) {
        ByteBuf text = verbatim.content();
        if (!resp3) {
            bulk(text, out);
            return;
        }
        out.line((byte) '=', text.readableBytes() + 4L);
        out.raw((verbatim.format() + ':').getBytes(StandardCharsets.US_ASCII));
        out.content(text);
        out.crlf();
    }

    private static void blobError(BlobErrorRedisMessage error, boolean resp3, FrameOutput out) {
        if (!resp3) {
            out.line((byte) '-', error.singleLine());
            return;
        }
        byte[] bytes = error.message().getBytes(StandardCharsets.UTF_8);
        out.line((byte) '!', bytes.length);
        out.raw(bytes);
        out.crlf();
    }
}
