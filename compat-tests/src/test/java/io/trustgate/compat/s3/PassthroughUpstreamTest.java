package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Target.Deviation;
import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule that picks the PASSTHROUGH lane's upstream, with the probes stubbed. */
class PassthroughUpstreamTest {

    private static final BooleanSupplier YES = () -> true;
    private static final BooleanSupplier NO = () -> false;
    /** A probe the rule must not need in that case (a Docker probe can take seconds, and CI has no engine). */
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("probe should not run");
    };

    @Test
    void underCiWithoutAnAskItIsS3ProxyWithoutProbingAnything() {
        assertThat(PassthroughUpstream.choose(null, true, NOT_ASKED, NOT_ASKED).upstream())
                .isEqualTo(PassthroughUpstream.S3PROXY);
    }

    @Test
    void anAnsweringS3ProxyIsUsedAndDockerIsNotProbed() {
        assertThat(PassthroughUpstream.choose(null, false, YES, NOT_ASKED).upstream())
                .isEqualTo(PassthroughUpstream.S3PROXY);
    }

    @Test
    void localStackOnlyWhenS3ProxyIsSilentAndDockerAnswers() {
        assertThat(PassthroughUpstream.choose(null, false, NO, YES).upstream())
                .isEqualTo(PassthroughUpstream.LOCALSTACK);
        // Neither: S3Proxy, which the script then starts (or fails loudly), as before.
        assertThat(PassthroughUpstream.choose(null, false, NO, NO).upstream())
                .isEqualTo(PassthroughUpstream.S3PROXY);
    }

    @Test
    void anAskWinsEvenUnderCi() {
        assertThat(PassthroughUpstream.choose("localstack", true, YES, YES).upstream())
                .isEqualTo(PassthroughUpstream.LOCALSTACK);
        assertThat(PassthroughUpstream.choose(" S3Proxy ", false, NOT_ASKED, NOT_ASKED).upstream())
                .isEqualTo(PassthroughUpstream.S3PROXY);
    }

    @Test
    void askingForLocalStackWithoutDockerFailsInsteadOfFallingBack() {
        assertThatThrownBy(() -> PassthroughUpstream.choose("localstack", true, YES, NO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no Docker engine");
    }

    @Test
    void anUnknownAskFails() {
        assertThatThrownBy(() -> PassthroughUpstream.choose("minio", false, YES, YES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3proxy or localstack");
    }

    @Test
    void passthroughInheritsS3ProxysDeviationsOnlyFromS3Proxy() {
        assertThat(S3Target.PASSTHROUGH.deviations(PassthroughUpstream.S3PROXY))
                .contains(Deviation.UPLOAD_PART_WITHOUT_UPLOAD, Deviation.CONTENT_TYPE_REWRITTEN,
                        Deviation.TRAILER_CHECKSUM_NOT_STORED);
        assertThat(S3Target.PASSTHROUGH.deviations(PassthroughUpstream.LOCALSTACK))
                .containsExactly(Deviation.COPY_SOURCE_SSE_C_NOT_FORWARDED);
        assertThat(S3Target.S3PROXY.deviations(PassthroughUpstream.LOCALSTACK))
                .isEqualTo(S3Target.S3PROXY.deviations(PassthroughUpstream.S3PROXY))
                .contains(Deviation.UPLOAD_PART_WITHOUT_UPLOAD);
    }

    @Test
    void theTrustgateUpstreamLaneHasOnlyThePassthroughsOwnDeviation() {
        for (PassthroughUpstream upstream : PassthroughUpstream.values()) {
            assertThat(S3Target.PASSTHROUGH_TG.deviations(upstream))
                    .containsExactly(Deviation.COPY_SOURCE_SSE_C_NOT_FORWARDED);
        }
        assertThat(S3Target.PASSTHROUGH_TG.id()).isEqualTo("passthrough-tg");
    }
}
