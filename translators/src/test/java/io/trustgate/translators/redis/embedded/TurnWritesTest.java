package io.trustgate.translators.redis.embedded;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceEngine.Access;
import io.trustgate.redis.spi.StringValue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Units run on an event loop under {@code everysec} and {@code no}: their log write is made once, after the
 * loop's current task, and each stage completes only once its frame is in the file (what {@code kill -9} keeps).
 */
class TurnWritesTest {

    @TempDir
    Path dir;

    private long logSize() {
        try (Stream<Path> files = Files.list(dir)) {
            Path log = files.filter(p -> p.getFileName().toString().endsWith(".aof")).findFirst().orElseThrow();
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"EVERYSEC", "NO"})
    void unitsOfOneTurnShareOneWriteAndCompleteAfterIt(FsyncPolicy policy) throws Exception {
        EventLoop loop = new DefaultEventLoop();
        try (InMemoryKeyspaceEngine engine = InMemoryKeyspaceEngine.open(dir, policy, 64L << 20,
                System::currentTimeMillis, Duration.ZERO)) {
            long before = logSize();
            List<CompletableFuture<String>> stages = new ArrayList<>();
            List<Long> sizeWhenAnswered = java.util.Collections.synchronizedList(new ArrayList<>());
            long sizeInTurn = loop.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
                    String reply = "r" + i;
                    CompletableFuture<String> stage = engine.atomically(Access.WRITE, tx -> {
                        tx.db(0).put(key, new StringValue(key), Entry.NO_EXPIRY);
                        return reply;
                    }).toCompletableFuture();
                    assertThat(stage).as("answered before its frame was written").isNotDone();
                    stages.add(stage.thenApply(r -> {
                        sizeWhenAnswered.add(logSize());
                        return r;
                    }));
                }
                return logSize();
            }).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                assertThat(stages.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("r" + i);
            }
            assertThat(sizeInTurn).as("nothing written during the turn").isEqualTo(before);
            long after = logSize();
            assertThat(after).isGreaterThan(before);
            assertThat(sizeWhenAnswered).as("every reply followed the one write of all three frames")
                    .containsExactly(after, after, after);

            // off an event loop a unit writes at once
            CompletableFuture<String> direct = engine.atomically(Access.WRITE, tx -> {
                tx.db(0).put("d".getBytes(StandardCharsets.UTF_8), new StringValue(new byte[] {1}), Entry.NO_EXPIRY);
                return "d";
            }).toCompletableFuture();
            assertThat(direct).isCompletedWithValue("d");
            assertThat(logSize()).isGreaterThan(after);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        // and what was acknowledged is there after a restart
        try (InMemoryKeyspaceEngine engine = InMemoryKeyspaceEngine.open(dir, policy, 64L << 20,
                System::currentTimeMillis, Duration.ZERO)) {
            Long count = engine.atomically(Access.READ, tx -> tx.db(0).size()).toCompletableFuture().join();
            assertThat(count).isEqualTo(4);
        }
    }
}
