package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.StringUtil;

import java.util.List;

/**
 * The children and their reference counting, shared by the RESP3 aggregates (map, set, push). The message owns
 * its children: releasing it to zero releases each of them once, as netty's {@code ArrayRedisMessage} does.
 */
abstract class AggregateRedisMessage extends AbstractReferenceCounted implements RedisMessage {

    private final List<RedisMessage> children;
    /** A shared constant (an empty aggregate): retain and release do nothing. */
    private final boolean shared;

    AggregateRedisMessage(List<RedisMessage> children, boolean shared) {
        this.children = List.copyOf(children);
        this.shared = shared;
    }

    /** The children in wire order; unmodifiable. Callers that keep one past this message's life retain it. */
    public final List<RedisMessage> children() {
        return children;
    }

    @Override
    public final AggregateRedisMessage retain() {
        return shared ? this : (AggregateRedisMessage) super.retain();
    }

    @Override
    public final AggregateRedisMessage retain(int increment) {
        return shared ? this : (AggregateRedisMessage) super.retain(increment);
    }

    @Override
    public final boolean release() {
        return !shared && super.release();
    }

    @Override
    public final boolean release(int decrement) {
        return !shared && super.release(decrement);
    }

    @Override
    protected final void deallocate() {
        for (RedisMessage child : children) {
            ReferenceCountUtil.release(child);
        }
    }

    @Override
    public final AggregateRedisMessage touch(Object hint) {
        for (RedisMessage child : children) {
            ReferenceCountUtil.touch(child, hint);
        }
        return this;
    }

    @Override
    public String toString() {
        return StringUtil.simpleClassName(this) + "[children=" + children.size() + "]";
    }
}
