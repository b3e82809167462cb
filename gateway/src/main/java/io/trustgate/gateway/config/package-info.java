/**
 * The gateway's configuration: one YAML file (or the built-in defaults) plus {@code TRUSTGATE__*} environment
 * overrides, bound, validated once and then frozen into immutable records.
 *
 * <p>Public on purpose: {@link io.trustgate.gateway.config.ConfigLoader} (the only entry point),
 * {@link io.trustgate.gateway.config.TrustgateConfig} and the value records it hands out, and
 * {@link io.trustgate.gateway.config.ConfigException}, whose message names the file, line (or environment
 * variable) and field path of every problem. The Jackson binding model, the location index and the validator
 * are package-private; nothing outside this package may depend on YAML or Jackson types. This package depends on
 * nothing else in the gateway, so every other package may read it.
 */
package io.trustgate.gateway.config;
