package io.trustgate.redis.codec;

import io.netty.handler.codec.DecoderException;

/** Bytes from a peer that are not RESP. The connection that produced them cannot be trusted any more. */
public final class RespCodecException extends DecoderException {

    private static final long serialVersionUID = 1L;

    public RespCodecException(String message) {
        super(message);
    }
}
