package io.trustgate.s3.auth;

/**
 * The parsed {@code Credential} value {@code <access key>/<yyyyMMdd>/<region>/s3/aws4_request}.
 */
record Credential(String accessKeyId, String date, String region, String service) {

    static Credential parse(String text, boolean presigned) throws S3AuthException {
        String[] parts = text.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw malformed(presigned, "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!isDate(parts[1])) {
            throw malformed(presigned, "Invalid credential date \"" + parts[1] + "\". This date is not the same as "
                    + "X-Amz-Date: \"" + parts[1] + "\".");
        }
        if (!SigV4Verifier.SERVICE.equals(parts[3])) {
            throw malformed(presigned, "The authorization header is malformed; incorrect service \"" + parts[3]
                    + "\". This endpoint belongs to \"s3\".");
        }
        if (!SigV4Crypto.TERMINATOR.equals(parts[4])) {
            throw malformed(presigned, "The authorization header is malformed; incorrect terminal \"" + parts[4]
                    + "\". This endpoint uses \"aws4_request\".");
        }
        return new Credential(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The credential date must be the day of the request timestamp. */
    void requireDate(String requestDate, boolean presigned) throws S3AuthException {
        if (!date.equals(requestDate)) {
            throw malformed(presigned, "Invalid credential date \"" + date + "\". This date is not the same as "
                    + "X-Amz-Date: \"" + requestDate + "\".");
        }
    }

    /** {@code <yyyyMMdd>/<region>/s3/aws4_request}. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + SigV4Crypto.TERMINATOR;
    }

    static S3AuthException malformed(boolean presigned, String message) {
        return presigned ? S3AuthException.queryMalformed("Error parsing the X-Amz-Credential parameter; " + message)
                : S3AuthException.headerMalformed(message);
    }

    private static boolean isDate(String text) {
        if (text.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
