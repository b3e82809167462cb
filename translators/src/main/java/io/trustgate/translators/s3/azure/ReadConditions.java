package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.models.BlobRequestConditions;
import io.netty.handler.codec.DateFormatter;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ReadHints;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * The read conditions of a GET ({@link ReadHints}) in the form Azure can evaluate them, so that a GET whose
 * conditions fail is answered without Azure starting to send the body. The server still judges the conditions
 * against the attributes of the version opened; this only decides what the open asks of Azure.
 *
 * <p>Dates go to Azure as they are ({@code If-Modified-Since}, {@code If-Unmodified-Since}), in RFC 9110's order
 * as the server applies it: If-Unmodified-Since only without If-Match, If-Modified-Since only without
 * If-None-Match; a date that does not parse is left out, as the server ignores it. ETags cannot go as they are:
 * the S3 ETag of a blob is its MD5 kept in metadata ({@link BlobMetadata#s3Etag}), and Azure evaluates
 * {@code If-Match} / {@code If-None-Match} against its own ETag only. So ETag conditions are judged here against the
 * blob's properties, and the download that follows is pinned with Azure's {@code If-Match} to the version judged.
 *
 * @param ifMatch           the client's {@code If-Match} list, or null
 * @param ifNoneMatch       the client's {@code If-None-Match} list, or null
 * @param ifModifiedSince   what goes to Azure as {@code If-Modified-Since}, or null
 * @param ifUnmodifiedSince what goes to Azure as {@code If-Unmodified-Since}, or null
 */
record ReadConditions(String ifMatch, String ifNoneMatch, OffsetDateTime ifModifiedSince,
                      OffsetDateTime ifUnmodifiedSince) {

    /** The conditions of {@code hints}, or null when there are none Azure could act on. */
    static ReadConditions of(ReadHints hints) {
        if (hints == null) {
            return null;
        }
        OffsetDateTime modified = hints.ifNoneMatch() == null ? date(hints.ifModifiedSince()) : null;
        OffsetDateTime unmodified = hints.ifMatch() == null ? date(hints.ifUnmodifiedSince()) : null;
        if (hints.ifMatch() == null && hints.ifNoneMatch() == null && modified == null && unmodified == null) {
            return null;
        }
        return new ReadConditions(hints.ifMatch(), hints.ifNoneMatch(), modified, unmodified);
    }

    /** Whether there is an ETag condition, which needs the blob's properties to be judged. */
    boolean namesEtags() {
        return ifMatch != null || ifNoneMatch != null;
    }

    /** Whether the ETag conditions hold for a version whose S3 ETag is {@code s3Etag} (dates are Azure's). */
    boolean etagsHold(String s3Etag) {
        return (ifMatch == null || ETags.listNames(ifMatch, s3Etag))
                && (ifNoneMatch == null || !ETags.listNames(ifNoneMatch, s3Etag));
    }

    /** The Azure conditions of a Get Blob: the dates, and {@code If-Match} on {@code azureEtag} when not null. */
    BlobRequestConditions toAzure(String azureEtag) {
        return new BlobRequestConditions().setIfMatch(azureEtag).setIfModifiedSince(ifModifiedSince)
                .setIfUnmodifiedSince(ifUnmodifiedSince);
    }

    private static OffsetDateTime date(String value) {
        Date d = value == null ? null : DateFormatter.parseHttpDate(value);
        return d == null ? null : OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }
}
