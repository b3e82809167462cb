package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.WriteConditions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Synchronous helpers over the async SPI for tests: what the S3 server would do, minus HTTP. */
public final class Blobs {

    private Blobs() {
    }

    /** Retries {@code assertion} for up to 30 s (for effects of fire-and-forget calls such as abort). */
    public static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw BlobStoreException.from(e.getCause());
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** The S3 error code a stage fails with. */
    public static String errorCode(CompletionStage<?> stage) {
        Throwable t = catchThrowable(() -> join(stage));
        assertThat(t).as("expected an S3 error").isInstanceOf(BlobStoreException.class);
        return ((BlobStoreException) t).code();
    }

    public static String md5(byte[] data) {
        return HexFormat.of().formatHex(ETags.md5().digest(data));
    }

    public static BodyDigest digest(byte[] data, List<Checksum> checksums) {
        return new BodyDigest(data.length, md5(data), checksums);
    }

    public static ObjectInfo put(BlobStore store, String bucket, String key, byte[] data) {
        return put(store, bucket, key, data, ObjectProperties.EMPTY, WriteConditions.NONE, List.of());
    }

    public static ObjectInfo put(BlobStore store, String bucket, String key, String data) {
        return put(store, bucket, key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static ObjectInfo put(BlobStore store, String bucket, String key, byte[] data, ObjectProperties props,
                          WriteConditions conditions, List<Checksum> checksums) {
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest(bucket, key, data.length, props,
                conditions)));
        writeChunks(w, data);
        return join(w.commit(digest(data, checksums)));
    }

    /** Feeds {@code data} in chunks of up to 7 KiB, as a server would. */
    public static void writeChunks(BlobWriter<?> w, byte[] data) {
        for (int off = 0; off < data.length; off += 7 * 1024) {
            int n = Math.min(7 * 1024, data.length - off);
            join(w.write(Unpooled.copiedBuffer(data, off, n)));
        }
    }

    public static byte[] get(BlobStore store, String bucket, String key) {
        try (BlobReader r = join(store.openObject(bucket, key))) {
            return read(r, 0, r.info().size());
        }
    }

    public static String getString(BlobStore store, String bucket, String key) {
        return new String(get(store, bucket, key), StandardCharsets.UTF_8);
    }

    /** Pulls {@code [from, from + length)} through {@link BlobReader#read} in small chunks. */
    public static byte[] read(BlobReader r, long from, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pos = from;
        while (pos < from + length) {
            ByteBuf buf = join(r.read(pos, (int) Math.min(5000, from + length - pos), ByteBufAllocator.DEFAULT));
            try {
                assertThat(buf.readableBytes()).isPositive();
                byte[] b = new byte[buf.readableBytes()];
                buf.readBytes(b);
                out.writeBytes(b);
                pos += b.length;
            } finally {
                buf.release();
            }
        }
        return out.toByteArray();
    }
}
