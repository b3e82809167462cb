/**
 * The S3 REST front end. Empty until the S3 issue lands; the module exists so the layout and the
 * dependency arrows (gateway to protocol modules, never protocol to protocol) are fixed from day one.
 */
package io.trustgate.s3;
