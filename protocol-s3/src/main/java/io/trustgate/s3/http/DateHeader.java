package io.trustgate.s3.http;

import io.netty.handler.codec.DateFormatter;
import io.trustgate.s3.auth.PerSecond;

import java.util.Date;

/**
 * The {@code Date} header of responses, formatted once a second rather than per response (a calendar computation
 * each time). Thread-safe: a stale or racing value is at most one second old, which HTTP dates cannot show anyway.
 */
final class DateHeader {

    private static final PerSecond<String> TEXT =
            new PerSecond<>(second -> DateFormatter.format(new Date(second * 1000)));

    private DateHeader() {
    }

    static String now() {
        return TEXT.at(System.currentTimeMillis() / 1000);
    }
}
