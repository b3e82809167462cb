package io.trustgate.redis.passthrough;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.trustgate.redis.codec.RespCodecException;
import io.trustgate.redis.codec.RespFrameScanner;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.WriteBatcher;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySink;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TCP connection to a Redis server, on one event loop. Requests are written as the client's bytes; each
 * complete reply frame (found by {@link RespFrameScanner}, never decoded) goes to the oldest {@link ReplySink}
 * still waiting, as a retained slice of the read buffer.
 *
 * <p>Writes made before the connection is up are held and sent, after the AUTH handshake, once it is. A failed
 * connect, a lost connection, a reply that outlives the command timeout or bytes that are not RESP fail every
 * waiting sink with the backend's "unavailable" error. In relay mode, frames nobody waits for go to the relay
 * client as they come (pub/sub messages, RESP3 pushes, MONITOR lines).
 *
 * <p>Everything runs on {@link #loop}; not thread-safe.
 */
final class UpstreamConnection extends ByteToMessageDecoder {

    private enum State { CONNECTING, ACTIVE, CLOSED }

    /** Swallows the reply to a command the gateway sent for its own purposes (AUTH, SELECT, MULTI...). */
    static final ReplySink DISCARD = new ReplySink() {
        @Override
        public void complete(Object message) {
            ReferenceCountUtil.release(message);
        }

        @Override
        public void fail(String error) {
        }
    };

    private final EventLoop loop;
    private final UpstreamSettings settings;
    private final InetSocketAddress address;
    private final InflightRing inflight = new InflightRing();
    private final RespFrameScanner scanner = new RespFrameScanner();
    private final long timeoutNanos;
    private State state = State.CONNECTING;
    private Channel channel;
    private List<ByteBuf> heldWrites = new ArrayList<>();
    private WriteBatcher out;
    private ScheduledFuture<?> timeoutCheck;
    private ClientSession relayClient;
    private Consumer<UpstreamConnection> onClose;
    private String failure;
    private boolean everActive;

    UpstreamConnection(EventLoop loop, UpstreamSettings settings, InetSocketAddress address) {
        this.loop = loop;
        this.settings = settings;
        this.address = address;
        this.timeoutNanos = settings.commandTimeout().toNanos();
    }

    InetSocketAddress address() {
        return address;
    }

    /** Starts connecting; {@code onClose} runs once when the connection ends (or never came up). */
    UpstreamConnection connect(Consumer<UpstreamConnection> onClose) {
        this.onClose = onClose;
        if (settings.password() != null) {
            RespRequest auth = settings.username() != null
                    ? RespRequest.of(io.netty.buffer.ByteBufAllocator.DEFAULT, "AUTH", settings.username(),
                            settings.password())
                    : RespRequest.of(io.netty.buffer.ByteBufAllocator.DEFAULT, "AUTH", settings.password());
            send(auth.frame().retain(), new HandshakeSink(this), NO_TIMEOUT);
            auth.release();
        }
        ChannelFuture future = new Bootstrap()
                .group(loop)
                .channel(settings.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, settings.connectTimeout().toMillis()))
                .handler(this)
                .connect(address);
        channel = future.channel();
        future.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                activated();
            } else {
                fail(settings.unavailable());
            }
        });
        return this;
    }

    static final boolean NO_TIMEOUT = false;
    static final boolean WITH_TIMEOUT = true;

    boolean isUsable() {
        return state != State.CLOSED;
    }

    boolean isActive() {
        return state == State.ACTIVE;
    }

    boolean wasEverActive() {
        return everActive;
    }

    int inflight() {
        return inflight.size();
    }

    /**
     * Sends one request frame (ownership passes to this connection) whose reply goes to {@code sink}, or, when
     * {@code sink} is null, whose replies go to the relay client.
     */
    void send(ByteBuf frame, ReplySink sink, boolean timed) {
        if (state == State.CLOSED) {
            frame.release();
            if (sink != null) {
                sink.fail(failure != null ? failure : settings.unavailable());
            }
            return;
        }
        if (sink != null) {
            long deadline = timed && timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : InflightRing.NO_DEADLINE;
            inflight.add(sink, deadline);
        }
        if (state == State.CONNECTING) {
            heldWrites.add(frame);
            return;
        }
        out.write(frame);
    }

    /** Replaces what runs when the connection ends (a pooled dedicated connection changes hands). */
    void onClose(Consumer<UpstreamConnection> onClose) {
        this.onClose = onClose;
    }

    /** From now on, frames that no request waits for go to {@code client}. */
    void relayTo(ClientSession client) {
        this.relayClient = client;
    }

    private void activated() {
        if (state == State.CLOSED) {
            channel.close();
            return;
        }
        state = State.ACTIVE;
        everActive = true;
        out = new WriteBatcher(channel);
        for (ByteBuf frame : heldWrites) {
            out.write(frame);
        }
        heldWrites = null;
        out.flushNow();
        if (timeoutNanos > 0) {
            long every = Math.max(10, Math.min(250, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void checkTimeout() {
        long deadline = inflight.headDeadline();
        if (deadline != InflightRing.NO_DEADLINE && System.nanoTime() - deadline > 0) {
            fail("ERR backend '" + settings.backendName() + "' timed out after "
                    + settings.commandTimeout().toMillis() + " ms");
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int length;
            try {
                length = scanner.scan(in);
            } catch (RespCodecException e) {
                fail("ERR backend '" + settings.backendName() + "' sent an invalid reply: " + e.getMessage());
                in.skipBytes(in.readableBytes());
                return;
            }
            if (length < 0) {
                return;
            }
            ByteBuf frame = in.retainedSlice(in.readerIndex(), length);
            in.skipBytes(length);
            ReplySink sink = inflight.poll();
            if (sink != null) {
                sink.complete(frame);
            } else if (relayClient != null) {
                relayClient.relayToClient(frame);
            } else {
                frame.release();
                fail("ERR backend '" + settings.backendName() + "' sent a reply nobody asked for");
                in.skipBytes(in.readableBytes());
                return;
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(settings.unavailable());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(settings.unavailable());
    }

    /** Closes the connection on purpose (client gone, shutdown). */
    void close() {
        fail(settings.unavailable());
    }

    /** Ends the connection and answers every waiting request with {@code error}. Idempotent. */
    void fail(String error) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        failure = error;
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
        }
        if (heldWrites != null) {
            heldWrites.forEach(ReferenceCountUtil::release);
            heldWrites = null;
        }
        if (out != null) {
            out.discard();
        }
        if (channel != null) {
            channel.close();
        }
        ReplySink sink;
        while ((sink = inflight.poll()) != null) {
            sink.fail(error);
        }
        if (relayClient != null) {
            ClientSession client = relayClient;
            relayClient = null;
            client.relayClosed();
        }
        if (onClose != null) {
            onClose.accept(this);
        }
    }

    /** Checks the AUTH reply; a refusal closes the connection with an error that says why. */
    private static final class HandshakeSink implements ReplySink {
        private final UpstreamConnection connection;

        HandshakeSink(UpstreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public void complete(Object message) {
            ByteBuf frame = (ByteBuf) message;
            boolean error = frame.isReadable() && frame.getByte(frame.readerIndex()) == '-';
            String text = error ? frame.toString(frame.readerIndex() + 1, frame.readableBytes() - 3,
                    java.nio.charset.StandardCharsets.UTF_8) : null;
            frame.release();
            if (error) {
                connection.fail("ERR backend '" + connection.settings.backendName()
                        + "' refused the gateway's credentials: " + text);
            }
        }

        @Override
        public void fail(String error) {
        }
    }
}
