/**
 * S3 checksums: the five {@code x-amz-checksum-*} algorithms as streaming digests over Netty buffers, MD5 for
 * ETags and Content-MD5, and the multipart checksum rules (COMPOSITE: checksum of the part checksums;
 * FULL_OBJECT: the CRCs of the parts combined as if computed over the whole object). Pure computation, no I/O and
 * no Netty handlers; public because the S3 front end and the backends both compute and store these values.
 */
package io.trustgate.s3.checksum;
