package io.trustgate.s3.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadHashVerifierTest {

    /** SHA-256 of "Welcome to Amazon S3." */
    private static final String HASH = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";

    @Test
    void acceptsTheDeclaredHashOverPiecesOfAnyBufferKind() throws Exception {
        PayloadHashVerifier verifier = new PayloadHashVerifier(HASH.toUpperCase());
        ByteBuf heap = Unpooled.copiedBuffer("Welcome ", StandardCharsets.US_ASCII);
        ByteBuf direct = Unpooled.directBuffer().writeBytes("to ".getBytes(StandardCharsets.US_ASCII));
        CompositeByteBuf composite = Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.copiedBuffer("Amazon ", StandardCharsets.US_ASCII))
                .addComponent(true, Unpooled.directBuffer().writeBytes("S3.".getBytes(StandardCharsets.US_ASCII)));
        try {
            verifier.update(heap);
            verifier.update(direct);
            verifier.update(composite);
            assertThat(heap.readerIndex()).isZero();
            verifier.verify();
        } finally {
            heap.release();
            direct.release();
            composite.release();
        }
    }

    @Test
    void rejectsABodyOffByOneByte() {
        PayloadHashVerifier verifier = new PayloadHashVerifier(HASH);
        ByteBuf body = Unpooled.copiedBuffer("Welcome to Amazon S3!", StandardCharsets.US_ASCII);
        verifier.update(body);
        body.release();

        assertThatThrownBy(verifier::verify).isInstanceOfSatisfying(S3AuthException.class, e -> {
            assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch");
            assertThat(e.httpStatus()).isEqualTo(400);
        });
    }

    @Test
    void refusesAuthenticationWithoutAHash() {
        assertThatThrownBy(() -> PayloadHashVerifier.of(Authentication.anonymous()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
