package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.UploadListing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One page of ListMultipartUploads from all of a bucket's upload records (sorted, filtered and cut here). */
final class UploadPages {

    private UploadPages() {
    }

    static UploadListing page(List<MultipartUpload> all, ListUploadsRequest request) {
        List<MultipartUpload> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(MultipartUpload::key, UploadPages::utf8)
                .thenComparing(MultipartUpload::initiated).thenComparing(MultipartUpload::uploadId));
        List<MultipartUpload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String keyMarker = request.keyMarker();
        boolean truncated = false;
        String lastKey = null;
        String lastUploadId = null;
        boolean pastUploadMarker = request.uploadIdMarker().isEmpty();
        for (MultipartUpload u : sorted) {
            String key = u.key();
            if (!key.startsWith(request.prefix())) {
                continue;
            }
            if (!keyMarker.isEmpty()) {
                int c = utf8(key, keyMarker);
                if (c < 0) {
                    continue;
                }
                if (c == 0) {
                    if (pastUploadMarker || request.uploadIdMarker().isEmpty()) {
                        if (request.uploadIdMarker().isEmpty()) {
                            continue;
                        }
                    } else {
                        if (u.uploadId().equals(request.uploadIdMarker())) {
                            pastUploadMarker = true;
                        }
                        continue;
                    }
                }
            }
            String rolled = rollUp(key, request.prefix(), request.delimiter());
            if (rolled != null && (prefixes.contains(rolled)
                    || (!keyMarker.isEmpty() && utf8(rolled, keyMarker) <= 0))) {
                continue;
            }
            if (uploads.size() + prefixes.size() == request.maxUploads()) {
                truncated = true;
                break;
            }
            if (rolled != null) {
                prefixes.add(rolled);
                lastKey = rolled;
                lastUploadId = null;
            } else {
                uploads.add(u);
                lastKey = key;
                lastUploadId = u.uploadId();
            }
        }
        return new UploadListing(uploads, prefixes, truncated, truncated ? lastKey : null,
                truncated ? lastUploadId : null);
    }

    private static String rollUp(String key, String prefix, String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    private static int utf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
