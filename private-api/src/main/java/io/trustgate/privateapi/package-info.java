/**
 * The abstract, portable API (Dapr building blocks over HTTP and gRPC). Empty until its issue lands.
 */
package io.trustgate.privateapi;
