package io.trustgate.translators.redis.embedded;

import java.io.IOException;

/** Bytes in a log or snapshot that do not decode: a bad checksum, a bad tag, a truncated field. */
final class CorruptDataException extends IOException {

    CorruptDataException(String message) {
        super(message);
    }
}
