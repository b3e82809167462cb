package io.trustgate.redis.session;

import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * A place in a client's reply order. A request that will be answered later (by a backend, say) takes a slot
 * when it arrives; whoever produces the answer calls {@link #complete(Object)} once, from the client's event
 * loop, and the queue writes it as soon as every earlier reply has been written.
 *
 * <p>The reply is a {@code ByteBuf} holding complete RESP frames (passthrough: the backend's bytes) or a
 * netty-codec-redis {@code RedisMessage}; the slot takes ownership of it.
 */
public class ReplySlot implements ReplySink {

    final ReplyQueue queue;
    Object reply;
    boolean done;
    private final long startNanos;
    private Timer timer;
    private Runnable whenDone;

    ReplySlot(ReplyQueue queue) {
        this.queue = queue;
        this.startNanos = System.nanoTime();
    }

    /** Records the time from the request's arrival to its answer in {@code timer} when it completes. */
    public void timeWith(Timer timer) {
        this.timer = timer;
    }

    /** Runs {@code action} once this slot is answered (at once if it already is), after earlier actions. */
    public void whenDone(Runnable action) {
        if (done) {
            action.run();
        } else if (whenDone == null) {
            whenDone = action;
        } else {
            Runnable first = whenDone;
            whenDone = () -> {
                first.run();
                action.run();
            };
        }
    }

    @Override
    public void complete(Object message) {
        if (done) {
            ReferenceCountUtil.release(message);
            return;
        }
        done = true;
        reply = message;
        if (timer != null) {
            timer.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        queue.completed(this);
        if (whenDone != null) {
            Runnable action = whenDone;
            whenDone = null;
            action.run();
        }
    }

    /** Completes with {@code -<error>}; {@code error} starts with the Redis error code, e.g. {@code ERR ...}. */
    @Override
    public void fail(String error) {
        complete(new ErrorRedisMessage(error));
    }

    public boolean isDone() {
        return done;
    }
}
