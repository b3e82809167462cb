package io.trustgate.s3.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The request timestamp: from {@code x-amz-date} (ISO 8601 basic, {@code yyyyMMdd'T'HHmmss'Z'}) or else the HTTP
 * {@code Date} header (RFC 1123) on requests received, from the clock on requests signed. {@code amzDate} is the
 * basic form that goes into the string to sign; the one place that formats it.
 */
record RequestTime(String amzDate, Instant instant) {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The last x-amz-date parsed: requests within one second carry the same text, and parsing is not cheap. */
    private static volatile RequestTime last = new RequestTime("", Instant.EPOCH);

    /** The credential-scope date, {@code yyyyMMdd}. */
    String date() {
        return amzDate.substring(0, 8);
    }

    /** The time of a request signed at {@code epochSecond}. */
    static RequestTime ofEpochSecond(long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        return new RequestTime(AMZ_DATE.format(instant), instant);
    }

    static RequestTime fromHeaders(String xAmzDate, String httpDate) throws S3AuthException {
        if (xAmzDate != null) {
            return fromAmzDate(xAmzDate.trim(), false);
        }
        if (httpDate != null) {
            try {
                Instant instant = ZonedDateTime.parse(httpDate.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return new RequestTime(AMZ_DATE.format(instant), instant);
            } catch (DateTimeParseException e) {
                throw missingDate();
            }
        }
        throw missingDate();
    }

    static RequestTime fromAmzDate(String text, boolean presigned) throws S3AuthException {
        RequestTime cached = last;
        if (cached.amzDate().equals(text)) {
            return cached;
        }
        try {
            Instant instant = ZonedDateTime.parse(text, AMZ_DATE).toInstant();
            RequestTime parsed = new RequestTime(text, instant);
            last = parsed;
            return parsed;
        } catch (DateTimeParseException e) {
            if (presigned) {
                throw S3AuthException.queryMalformed("X-Amz-Date must be in the ISO8601 Long Format "
                        + "\"yyyyMMdd'T'HHmmss'Z'\"");
            }
            throw missingDate();
        }
    }

    private static S3AuthException missingDate() {
        return S3AuthException.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
    }
}
