package io.trustgate.s3.http;

import io.netty.handler.codec.DateFormatter;

import java.util.Date;

/**
 * The {@code Date} header of responses, formatted once a second rather than per response (a calendar computation
 * each time). Thread-safe: a stale or racing value is at most one second old, which HTTP dates cannot show anyway.
 */
final class DateHeader {

    private record Stamp(long second, String text) {
    }

    private static volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

    private DateHeader() {
    }

    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second() != second) {
            s = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            stamp = s;
        }
        return s.text();
    }
}
