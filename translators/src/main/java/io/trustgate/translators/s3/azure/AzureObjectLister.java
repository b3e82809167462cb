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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * ListObjects onto Azure's List Blobs: {@code listBlobs} without a delimiter, {@code listBlobsByHierarchy} with
 * one (Azure rolls names up into prefixes the way S3 does). The S3 marker becomes Azure's {@code startFrom}, and
 * entries at or before the marker are skipped here too, so the answer stays right on a service that ignores it.
 * Blocking: runs on the store's executor.
 */
final class AzureObjectLister {

    private static final Comparator<BlobItem> BY_NAME = (a, b) -> Arrays.compareUnsigned(
            a.getName().getBytes(StandardCharsets.UTF_8), b.getName().getBytes(StandardCharsets.UTF_8));

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
            // a hierarchy page holds its prefixes and its blobs as two lists: merge them into name order
            List<BlobItem> sorted = new ArrayList<>(page.getValue());
            sorted.sort(BY_NAME);
            for (BlobItem item : sorted) {
                String name = item.getName();
                if (!marker.isEmpty() && !after(name, marker)) {
                    continue;
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

    /** {@code a} sorts strictly after {@code b} in S3 order (unsigned UTF-8 bytes). */
    static boolean after(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)) > 0;
    }
}
