/**
 * Helpers for the tests of every module, kept once here: {@link io.trustgate.testsupport.Azurite} (the loopback
 * Azurite blob service, started by {@code scripts/azurite.sh} when silent) and
 * {@link io.trustgate.testsupport.NettyLeaks} (Netty's leak detector reporting into a list tests assert on).
 * Public because other modules' tests use it; nothing outside {@code src/test} may depend on this module.
 */
package io.trustgate.testsupport;
