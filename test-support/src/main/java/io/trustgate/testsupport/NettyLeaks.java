package io.trustgate.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes Netty's leak detector (paranoid in every test JVM, see the parent pom) report into a list that tests can
 * assert is empty, instead of only logging. Install it before the test JVM allocates its first buffer (compat-tests
 * does so from a JUnit {@code LauncherSessionListener}; other tests from their {@code @BeforeAll}).
 */
public final class NettyLeaks {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private NettyLeaks() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + records);
                        super.reportTracedLeak(resourceType, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType);
                        super.reportUntracedLeak(resourceType);
                    }
                };
            }
        });
    }

    /** True when the recorder was installed (so an empty {@link #collect()} means something). */
    public static boolean installed() {
        return installed;
    }

    /** Forces collection so leaked buffers are noticed, then returns every leak reported so far. */
    public static List<String> collect() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            // A leak is reported when a tracked buffer is created after the leaked one was collected.
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            probe.release();
        }
        return List.copyOf(LEAKS);
    }
}
