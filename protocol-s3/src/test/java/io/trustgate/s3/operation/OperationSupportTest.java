package io.trustgate.s3.operation;

import io.trustgate.s3.route.S3Operation;
import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Support;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationSupportTest {

    private static final BlobCapabilities EVERYTHING = BlobCapabilities.builder()
            .natively(BlobCapability.MULTIPART, null)
            .natively(BlobCapability.SERVER_SIDE_COPY, "copy here")
            .natively(BlobCapability.PART_COPY, "part copy here")
            .natively(BlobCapability.BUCKET_MANAGEMENT, null)
            .build();

    private static final BlobCapabilities BARE = BlobCapabilities.builder()
            .refused(BlobCapability.MULTIPART, "no staging area")
            .build();

    @Test
    void everyRoutedOperationHasARow() {
        EnumSet<S3Operation> routed = EnumSet.allOf(S3Operation.class);
        routed.remove(S3Operation.NOT_IMPLEMENTED);
        routed.remove(S3Operation.METHOD_NOT_ALLOWED);
        for (S3Operation op : routed) {
            assertThat(OperationSupport.row(op.awsName())).as(op.awsName()).isNotNull();
        }
        assertThat(OperationSupport.row("uploadpartcopy").name()).isEqualTo("UploadPartCopy");
        assertThat(OperationSupport.row("?tagging").answer().apply(EVERYTHING).support()).isEqualTo(Support.REFUSED);
        assertThat(OperationSupport.row("frobnicate")).isNull();
    }

    @Test
    void copiesAreNativeOnlyWhenDeclaredSoAndOtherwiseStreamed() {
        assertThat(OperationSupport.answer(S3Operation.COPY_OBJECT, EVERYTHING))
                .isEqualTo(new BlobCapabilities.Answer(Support.NATIVE, "copy here"));
        assertThat(OperationSupport.answer(S3Operation.UPLOAD_PART_COPY, EVERYTHING).support())
                .isEqualTo(Support.NATIVE);
        BlobCapabilities.Answer copy = OperationSupport.answer(S3Operation.COPY_OBJECT, BARE);
        assertThat(copy.support()).isEqualTo(Support.EMULATED);
        assertThat(copy.reason()).startsWith("read and written through the gateway");
        BlobCapabilities emulatedPartCopy = BlobCapabilities.builder().natively(BlobCapability.MULTIPART, null)
                .emulated(BlobCapability.PART_COPY, "staged through the gateway").build();
        assertThat(OperationSupport.answer(S3Operation.UPLOAD_PART_COPY, emulatedPartCopy))
                .isEqualTo(new BlobCapabilities.Answer(Support.EMULATED, "staged through the gateway"));
    }

    @Test
    void operationsFollowTheirCapabilityAndRefusalsNameOperationBackendAndReason() {
        assertThat(OperationSupport.answer(S3Operation.UPLOAD_PART, BARE))
                .isEqualTo(new BlobCapabilities.Answer(Support.REFUSED, "no staging area"));
        assertThat(OperationSupport.answer(S3Operation.UPLOAD_PART_COPY, BARE).support()).isEqualTo(Support.REFUSED);
        assertThat(OperationSupport.answer(S3Operation.CREATE_BUCKET, BARE).support()).isEqualTo(Support.REFUSED);
        assertThat(OperationSupport.answer(S3Operation.PUT_OBJECT, BARE).support()).isEqualTo(Support.NATIVE);
        assertThatThrownBy(() -> OperationSupport.check(S3Operation.UPLOAD_PART, BARE, "tape"))
                .isInstanceOfSatisfying(BlobStoreException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(501);
                    assertThat(e.code()).isEqualTo("NotImplemented");
                    assertThat(e.getMessage()).contains("UploadPart (no staging area)").contains("tape backend");
                });
        OperationSupport.check(S3Operation.UPLOAD_PART, EVERYTHING, "disk");
    }

    @Test
    void declarationsRefuseWhatTheyLeaveOutAndRejectDoubleDeclarations() {
        assertThat(BARE.support(BlobCapability.CHECKSUMS)).isEqualTo(Support.REFUSED);
        assertThat(BARE.has(BlobCapability.CHECKSUMS)).isFalse();
        assertThatThrownBy(() -> BlobCapabilities.builder().natively(BlobCapability.MULTIPART, null)
                .refused(BlobCapability.MULTIPART, "x")).isInstanceOf(IllegalStateException.class);
    }
}
