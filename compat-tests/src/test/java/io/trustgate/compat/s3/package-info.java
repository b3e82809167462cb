/**
 * S3 compatibility suites: real, unchanged clients (AWS SDK for Java v2 sync, async and transfer manager over HTTP
 * and HTTPS; boto3; awscli v2; s3cmd; rclone; {@code @aws-sdk/client-s3} on node) and raw signed HTTP requests,
 * each run against every {@link io.trustgate.compat.s3.S3Target}. S3Proxy on its filesystem provider is the
 * reference lane; trustgate's own lanes join the whole matrix by one enum constant. Where the reference server
 * departs from AWS, the departure is a named {@link io.trustgate.compat.s3.S3Target.Deviation} of that lane only,
 * so trustgate lanes are held to AWS behaviour. The passthrough lane's upstream is S3Proxy or, by
 * {@link io.trustgate.compat.s3.PassthroughUpstream}'s rule, LocalStack. Test-only; nothing depends on this package.
 */
package io.trustgate.compat.s3;
