package io.trustgate.s3.operation;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.trustgate.s3.error.S3Errors;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.xml.XmlOut;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation, GetBucketVersioning and the ACL calls. */
final class BucketOperations {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");
    /** Canned ACLs accepted (as the default, private) on writes; the public-read of a bucket comes from config. */
    static final Set<String> CANNED_ACLS = Set.of("private", "public-read");
    /** The region every bucket is in, as HeadBucket and GetBucketLocation name it. */
    private static final String REGION = "us-east-1";
    /** AWS's bound on ListBuckets' max-buckets. */
    private static final int MAX_BUCKETS = 10_000;

    private BucketOperations() {
    }

    /**
     * ListBuckets with AWS's optional parameters: {@code prefix}, {@code bucket-region} (every bucket here is in the
     * region HeadBucket names), and pages of {@code max-buckets} (1-10000) continued by {@code continuation-token},
     * an opaque token that is the last name listed.
     */
    static void listBuckets(Exchange ex) {
        S3Request r = ex.request();
        String prefix = r.query().first("prefix", "");
        String region = r.query().first("bucket-region");
        String token = ListOperations.emptyToNull(r.query().first("continuation-token"));
        String after = token == null ? "" : ListOperations.decodeToken(token);
        int max = Responses.intParam(r, "max-buckets", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        if (r.query().has("max-buckets") && max > MAX_BUCKETS) {
            throw S3Errors.invalidArgument("Argument max-buckets must be an integer between 1 and " + MAX_BUCKETS);
        }
        CompletionStage<List<BucketInfo>> merged = BucketListing.all(ex.router());
        Responses.on(ex, merged, all -> {
            List<BucketInfo> matching = all.stream().filter(b -> b.name().startsWith(prefix)
                    && b.name().compareTo(after) > 0 && (region == null || region.equals(REGION))).toList();
            List<BucketInfo> page = matching.subList(0, Math.min(max, matching.size()));
            boolean more = page.size() < matching.size();
            Responses.ok(ex, XmlOut.document("ListAllMyBucketsResult", true, x -> {
                x.start("Owner").element("ID", Responses.OWNER_ID).element("DisplayName", Responses.OWNER_ID).end();
                x.start("Buckets");
                for (BucketInfo b : page) {
                    x.start("Bucket").element("Name", b.name()).element("CreationDate", b.creationDate()).end();
                }
                x.end();
                if (more) {
                    x.element("ContinuationToken", ListOperations.encodeToken(page.get(page.size() - 1).name()));
                }
                if (r.query().has("prefix")) {
                    x.element("Prefix", prefix);
                }
            }));
        });
    }

    static void createBucket(Exchange ex) {
        S3Request r = ex.request();
        if (!validBucketName(r.bucket())) {
            throw S3Errors.invalidBucketName(r.bucket());
        }
        checkCannedAcl(r);
        WriteHeaders.checkCreateBucket(r);
        BlobStore store = ex.route().store();
        Responses.require(store, BlobCapability.BUCKET_MANAGEMENT);
        Responses.on(ex, ex.readBody(), body -> {
            if (body.length > 0) {
                Responses.xmlBody(body, "CreateBucketConfiguration");
            }
            Responses.on(ex, store.createBucket(r.bucket()), b -> {
                HttpHeaders h = Responses.headers();
                h.set("Location", "/" + r.bucket());
                ex.respond(HttpResponseStatus.OK, h, null);
            });
        });
    }

    /**
     * AWS's rules for general purpose bucket names: 3-63 of a-z 0-9 . -, a letter or digit at both ends, no "..",
     * not an IP address, none of the prefixes and suffixes AWS reserves (access point, Object Lambda, Multi-Region
     * and directory / table bucket aliases).
     */
    static boolean validBucketName(String name) {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return false;
            }
        }
        return true;
    }

    static void checkCannedAcl(S3Request r) {
        String acl = r.header("x-amz-acl");
        if (acl != null && !CANNED_ACLS.contains(acl)) {
            throw S3Errors.notImplemented("canned ACL " + acl + " (only private and public-read)");
        }
        for (String grant : List.of("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp",
                "x-amz-grant-write-acp", "x-amz-grant-full-control")) {
            if (r.header(grant) != null) {
                throw S3Errors.notImplemented(grant);
            }
        }
    }

    static void deleteBucket(Exchange ex) {
        BlobStore store = ex.route().store();
        Responses.require(store, BlobCapability.BUCKET_MANAGEMENT);
        Responses.on(ex, store.deleteBucket(ex.request().bucket()), v -> Responses.noContent(ex));
    }

    static void headBucket(Exchange ex) {
        Responses.on(ex, ex.route().store().headBucket(ex.request().bucket()), b -> {
            HttpHeaders h = Responses.headers();
            h.set("x-amz-bucket-region", REGION);
            ex.respond(HttpResponseStatus.OK, h, null);
        });
    }

    static void location(Exchange ex) {
        Responses.on(ex, ex.route().store().bucketLocation(ex.request().bucket()), region ->
                Responses.ok(ex, XmlOut.document("LocationConstraint", true, x -> {
                    // the region is the root's own text, as AWS writes it; empty for us-east-1
                    if (region != null && !region.isEmpty() && !region.equals(REGION)) {
                        x.characters(region);
                    }
                })));
    }

    /** Buckets are unversioned: an empty configuration, as S3 answers for a bucket that never had versioning. */
    static void versioning(Exchange ex) {
        Responses.on(ex, ex.route().store().headBucket(ex.request().bucket()), b ->
                Responses.ok(ex, XmlOut.document("VersioningConfiguration", true, x -> {
                })));
    }

    /** The owner has FULL_CONTROL; public-read buckets also grant READ to AllUsers. */
    static void getAcl(Exchange ex, boolean publicRead) {
        CompletionStage<?> exists = ex.request().key() == null
                ? ex.route().store().headBucket(ex.request().bucket())
                : ex.route().store().headObject(ex.request().bucket(), ex.request().key());
        Responses.on(ex, exists, v -> Responses.ok(ex, XmlOut.document("AccessControlPolicy", true, x -> {
            x.start("Owner").element("ID", Responses.OWNER_ID).element("DisplayName", Responses.OWNER_ID).end();
            x.start("AccessControlList");
            grant(x, "CanonicalUser", "FULL_CONTROL");
            if (publicRead) {
                grant(x, "Group", "READ");
            }
            x.end();
        })));
    }

    private static void grant(XmlOut x, String type, String permission) {
        x.start("Grant").start("Grantee").namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
                .attribute("xsi:type", type);
        if (type.equals("Group")) {
            x.element("URI", "http://acs.amazonaws.com/groups/global/AllUsers");
        } else {
            x.element("ID", Responses.OWNER_ID).element("DisplayName", Responses.OWNER_ID);
        }
        x.end().element("Permission", permission).end();
    }

    /** Only the canned ACL that matches the configuration is accepted (nothing changes); anything else is 501. */
    static void putAcl(Exchange ex, boolean publicRead) {
        String acl = ex.request().header("x-amz-acl");
        String current = publicRead ? "public-read" : "private";
        if (acl == null || !acl.equals(current)) {
            throw S3Errors.notImplemented("ACL changes (bucket access is " + current + " by configuration)");
        }
        Responses.on(ex, ex.readBody(), body -> ex.respond(HttpResponseStatus.OK, Responses.headers(), null));
    }
}
