/**
 * Pure request classification: addressing (path or virtual-hosted style), query parsing, the
 * {@link io.trustgate.s3.route.S3Operation} a request asks for, and the bucket-to-backend routes. No Netty here;
 * public for the gateway (routes) and tests.
 */
package io.trustgate.s3.route;
