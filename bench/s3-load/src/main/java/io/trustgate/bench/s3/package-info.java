/**
 * The S3 load generator that {@code bench/s3.sh} runs ({@link io.trustgate.bench.s3.S3Load}): a benchmark tool
 * outside the Maven reactor, never part of the tests. Nothing depends on this package.
 */
package io.trustgate.bench.s3;
