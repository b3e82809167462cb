package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.UploadListing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One page of ListMultipartUploads over a bucket's open uploads (read in full: uploads are few, unlike objects).
 * Order: key by UTF-8 bytes, then upload id, which {@link Uploads} makes creation order. Pure function.
 */
final class UploadLister {

    private static final Comparator<MultipartUpload> ORDER = Comparator
            .<MultipartUpload, byte[]>comparing(u -> utf8(u.key()), Arrays::compareUnsigned)
            .thenComparing(MultipartUpload::uploadId);

    private UploadLister() {
    }

    static UploadListing page(List<MultipartUpload> all, ListUploadsRequest request) {
        List<MultipartUpload> sorted = new ArrayList<>(all);
        sorted.sort(ORDER);
        byte[] prefix = utf8(request.prefix());
        byte[] keyMarker = utf8(request.keyMarker());
        byte[] delimiter = request.delimiter() == null || request.delimiter().isEmpty() ? null
                : utf8(request.delimiter());
        List<MultipartUpload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        byte[] lastPrefix = null;
        MultipartUpload last = null;
        String lastCommon = null;
        boolean truncated = false;
        for (MultipartUpload u : sorted) {
            byte[] key = utf8(u.key());
            if (!ObjectLister.startsWith(key, prefix) || !after(key, u.uploadId(), keyMarker, request)) {
                continue;
            }
            byte[] common = null;
            if (delimiter != null) {
                int at = ObjectLister.indexOf(key, delimiter, prefix.length);
                if (at >= 0) {
                    common = Arrays.copyOf(key, at + delimiter.length);
                }
            }
            if (common != null && (Arrays.equals(common, lastPrefix)
                    || Arrays.compareUnsigned(common, keyMarker) <= 0)) {
                continue;
            }
            if (uploads.size() + prefixes.size() >= request.maxUploads()) {
                truncated = request.maxUploads() > 0;
                break;
            }
            if (common != null) {
                lastPrefix = common;
                lastCommon = new String(common, StandardCharsets.UTF_8);
                prefixes.add(lastCommon);
                last = null;
            } else {
                uploads.add(u);
                last = u;
                lastCommon = null;
            }
        }
        String nextKey = !truncated ? null : last != null ? last.key() : lastCommon;
        String nextId = truncated && last != null ? last.uploadId() : null;
        return new UploadListing(uploads, prefixes, truncated, nextKey, nextId);
    }

    private static boolean after(byte[] key, String uploadId, byte[] keyMarker, ListUploadsRequest request) {
        int c = Arrays.compareUnsigned(key, keyMarker);
        if (request.uploadIdMarker() == null || request.uploadIdMarker().isEmpty() || keyMarker.length == 0) {
            return c > 0;
        }
        return c > 0 || (c == 0 && uploadId.compareTo(request.uploadIdMarker()) > 0);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
