package io.trustgate.compat.s3;

import io.trustgate.testsupport.NettyLeaks;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link NettyLeaks} as the test JVM's JUnit session opens (registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}), so it sees every buffer.
 */
public final class NettyLeaksSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NettyLeaks.install();
    }
}
