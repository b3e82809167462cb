package io.trustgate.translators.s3.filesystem;

import java.io.IOException;

/** An object or part file whose footer does not validate (see {@link ObjectFooter}); it is never served. */
final class CorruptObjectException extends IOException {

    CorruptObjectException(String message) {
        super(message);
    }
}
