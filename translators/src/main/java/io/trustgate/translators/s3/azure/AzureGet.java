package io.trustgate.translators.s3.azure;

import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import io.trustgate.s3.spi.ReadHints;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a GetObject opens a blob: with one Get Blob that streams its first bytes and names the version, asked for
 * only the bytes of the client's range and only if the client's read conditions hold ({@link ReadConditions}).
 *
 * <p>A GET whose conditions fail starts no download. With date conditions only, they go on the Get Blob, and
 * Azure answers 304 or 412 without a body. With ETag conditions, the blob's properties are read first (one Get Blob
 * Properties) and the S3 ETag compared; when they fail, the GET is opened on those properties, and when they hold,
 * the Get Blob is pinned by Azure's {@code If-Match} to the version compared. Whenever Azure answers 304 or 412 to
 * a conditional Get Blob, the GET is opened on the blob's properties alone, and the server judges the conditions
 * against them and answers as on every backend (304 with ETag and Last-Modified, or 412); a version written in
 * between is then judged as the current one. Runs on the store's executor only (it blocks).
 */
final class AzureGet {

    private static final Pattern SUFFIX_RANGE = Pattern.compile("bytes=-(\\d{1,18})");
    private static final Pattern SIMPLE_RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

    private AzureGet() {
    }

    /**
     * Opens {@code key} for a GET: from the start of the client's range (a plain {@code bytes=first-[last]}; any
     * other range from the start of the blob), the version taken from the response (see
     * {@link AzureBlobReader#openStreaming}); a suffix {@code bytes=-N} as {@link AzureBlobReader#openSuffix}, a
     * part after the first as {@link AzureBlobReader#openPart}; a range that starts past the end, by the properties.
     */
    static AzureBlobReader open(AzureBlobStore store, String bucket, String key, ReadHints hints) {
        ReadConditions conditions = ReadConditions.of(hints);
        BlobRequestConditions azure = null;
        if (conditions != null && conditions.namesEtags()) {
            BlobProperties p = store.properties(bucket, key);
            AzureBlobReader attributes = store.reader(bucket, key, p);
            if (!conditions.etagsHold(attributes.info().etag())) {
                return attributes;
            }
            azure = conditions.toAzure(p.getETag());
        } else if (conditions != null) {
            azure = conditions.toAzure(null);
        }
        try {
            AzureBlobReader reader = download(store.blob(bucket, key), key, hints, azure, store.calls());
            // null: the range starts past the end, and the server answers 416 from the properties
            return reader != null ? reader : store.propertiesReader(bucket, key);
        } catch (BlobStorageException e) {
            if (azure != null && (e.getStatusCode() == 304 || e.getStatusCode() == 412)) {
                return store.propertiesReader(bucket, key);
            }
            throw e;
        }
    }

    private static AzureBlobReader download(BlobAsyncClient blob, String key, ReadHints hints,
                                            BlobRequestConditions conditions, AzureCalls calls) {
        if (hints != null && hints.partNumber() > 1) {
            return AzureBlobReader.openPart(blob, key, hints.partNumber(), conditions, calls);
        }
        String header = hints == null ? null : hints.range();
        Matcher suffix = header == null ? null : SUFFIX_RANGE.matcher(header.trim());
        if (suffix != null && suffix.matches() && Long.parseLong(suffix.group(1)) > 0) {
            return AzureBlobReader.openSuffix(blob, key, Long.parseLong(suffix.group(1)), conditions, calls);
        }
        long[] range = simpleRange(header);
        return AzureBlobReader.openStreaming(blob, key, range[0], range[1] < 0 ? null : range[1] - range[0] + 1,
                conditions, calls);
    }

    /** {@code {first, last}} of a {@code bytes=first-[last]} range ({@code last} -1: to the end), else {0, -1}. */
    static long[] simpleRange(String header) {
        Matcher m = header == null ? null : SIMPLE_RANGE.matcher(header.trim());
        if (m == null || !m.matches()) {
            return new long[] {0, -1};
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2));
        return last >= 0 && last < first ? new long[] {0, -1} : new long[] {first, last};
    }
}
