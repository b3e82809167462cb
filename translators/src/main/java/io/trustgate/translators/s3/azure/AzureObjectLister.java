package io.trustgate.translators.s3.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ListObjects onto Azure's List Blobs: {@code listBlobs} without a delimiter, {@code listBlobsByHierarchy} with
 * one (Azure rolls names up into prefixes the way S3 does).
 *
 * <p>Pages follow Azure's own order, which compares names by UTF-16 code units ({@link String#compareTo}; Azurite
 * compares JavaScript strings, the same), not S3's unsigned UTF-8 bytes. The two agree except where a name has a
 * character at or above U+E000 at the same position where another has a supplementary character (a surrogate pair):
 * S3 puts U+E000..U+FFFF first, Azure last. A listing cut into pages must use one order throughout, or a page
 * boundary loses or repeats keys; so every page, its marker and the {@code startFrom} it is continued with use
 * Azure's. The S3 marker (V1 marker, V2 start-after or the decoded continuation token, which is the previous
 * page's last entry) becomes Azure's {@code startFrom} (inclusive), and entries at or before it in Azure's order
 * are skipped here. Blocking: runs on the store's executor.
 */
final class AzureObjectLister {

    private static final Comparator<BlobItem> BY_NAME = Comparator.comparing(BlobItem::getName);

    private AzureObjectLister() {
    }

    static ObjectListing list(BlobContainerClient container, ListObjectsRequest request) {
        if (request.maxKeys() == 0) {
            container.getProperties();
            return new ObjectListing(List.of(), List.of(), false, null);
        }
        ListBlobsOptions options = new ListBlobsOptions()
                .setDetails(new BlobListDetails().setRetrieveMetadata(true))
                .setMaxResultsPerPage(Math.min(5000, request.maxKeys() + 1));
        if (!request.prefix().isEmpty()) {
            options.setPrefix(request.prefix());
        }
        String marker = request.marker();
        if (!marker.isEmpty() && after(marker, request.prefix())) {
            options.setStartFrom(marker);
        }
        PagedIterable<BlobItem> items = request.delimiter() == null || request.delimiter().isEmpty()
                ? container.listBlobs(options, null)
                : container.listBlobsByHierarchy(request.delimiter(), options, null);
        List<ObjectSummary> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        pages:
        for (PagedResponse<BlobItem> page : items.iterableByPage()) {
            // a hierarchy page holds its prefixes and its blobs as two lists: merge them into Azure's name order
            List<BlobItem> sorted = new ArrayList<>(page.getValue());
            sorted.sort(BY_NAME);
            for (BlobItem item : sorted) {
                String name = item.getName();
                if (!marker.isEmpty() && !after(name, marker) || name.equals(last)) {
                    continue; // at or before the marker, or a prefix the previous Azure page ended with
                }
                if (objects.size() + prefixes.size() == request.maxKeys()) {
                    truncated = true;
                    break pages;
                }
                if (Boolean.TRUE.equals(item.isPrefix())) {
                    prefixes.add(name);
                } else {
                    objects.add(summary(item));
                }
                last = name;
            }
        }
        return new ObjectListing(objects, prefixes, truncated, truncated ? last : null);
    }

    private static ObjectSummary summary(BlobItem item) {
        BlobItemProperties p = item.getProperties();
        String etag = BlobMetadata.s3Etag(item.getMetadata(), p.getContentMd5(), p.getETag());
        Instant modified = p.getLastModified() == null ? Instant.EPOCH : p.getLastModified().toInstant();
        return new ObjectSummary(item.getName(), p.getContentLength() == null ? 0 : p.getContentLength(), etag,
                modified);
    }

    /** {@code a} sorts strictly after {@code b} in Azure's listing order (UTF-16 code units). */
    static boolean after(String a, String b) {
        return a.compareTo(b) > 0;
    }
}
