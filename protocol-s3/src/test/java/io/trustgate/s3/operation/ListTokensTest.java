package io.trustgate.s3.operation;

import io.trustgate.s3.spi.BlobStoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListTokensTest {

    @Test
    void aTokenWeIssuedGivesBackItsMarker() {
        for (String marker : new String[] {"", "a", "photos/2026/cat.jpg", "caf\u00e9/\u4e2d\u6587 key+%", "a\u0000b"}) {
            assertThat(ListOperations.decodeToken(ListOperations.encodeToken(marker))).isEqualTo(marker);
        }
    }

    @Test
    void aTokenWeDidNotIssueIsInvalidArgument() {
        // "garbage" is base64 in Java's lenient sense (it decodes to 5 bytes) but no token of ours; "abcd" decodes
        // to bytes that are not UTF-8; "a+b/" is base64 but not base64url; "!!" is no base64 at all.
        for (String token : new String[] {"garbage", "abcd", "a+b/", "!!", "YQ=="}) {
            assertThatThrownBy(() -> ListOperations.decodeToken(token)).as(token)
                    .isInstanceOfSatisfying(BlobStoreException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidArgument");
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo("The continuation token provided is incorrect");
                    });
        }
    }
}
