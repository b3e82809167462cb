package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectFooterTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsSmallAndLargeHeaders() throws IOException {
        for (int metaSize : new int[] {0, 10, 20_000}) {
            ObjectInfo info = info(5, Map.of("big", "m".repeat(metaSize), "ü", "ö"));
            Path file = write(info, "hello");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                assertThat(ObjectFooter.read(ch, file)).isEqualTo(info);
                ByteBuffer data = ByteBuffer.allocate(5);
                ch.read(data, 0);
                assertThat(new String(data.array())).isEqualTo("hello");
            }
        }
    }

    @Test
    void aSmallObjectsBytesComeWithItsFooterAndALargeOnesDoNot() throws IOException {
        Path small = write(info(5, Map.of()), "hello");
        try (FileChannel ch = FileChannel.open(small, StandardOpenOption.READ)) {
            ByteBuffer data = ObjectFooter.readFooter(ch, small).data();
            assertThat(data.remaining()).isEqualTo(5);
            byte[] bytes = new byte[5];
            data.duplicate().get(bytes);
            assertThat(new String(bytes)).isEqualTo("hello");
        }
        String big = "x".repeat(5000);
        Path large = write(info(big.length(), Map.of()), big);
        try (FileChannel ch = FileChannel.open(large, StandardOpenOption.READ)) {
            ObjectFooter.Footer footer = ObjectFooter.readFooter(ch, large);
            assertThat(footer.data()).isNull();
            assertThat(footer.info().size()).isEqualTo(5000);
        }
    }

    @Test
    void keepsAMultipartObjectsPartSizesAndReadsOlderHeadersWithoutThem() throws IOException {
        ObjectInfo info = info(5, Map.of());
        Path file = dir.resolve("parts");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("hello".getBytes()));
            ObjectFooter.write(ch, info, List.of(3L, 2L));
            ObjectFooter.Footer footer = ObjectFooter.readFooter(ch, file);
            assertThat(footer.info()).isEqualTo(info);
            assertThat(footer.partSizes()).containsExactly(3L, 2L);
        }
        Path plain = write(info, "hello");
        try (FileChannel ch = FileChannel.open(plain, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(ObjectFooter.readFooter(ch, plain).partSizes()).isEmpty();
            // A header from before part sizes were recorded ends right after the checksums: drop the trailing
            // count (4 bytes of zero) and rewrite the trailer to match.
            ByteBuffer trailer = ByteBuffer.allocate(ObjectFooter.TRAILER);
            ch.read(trailer, ch.size() - ObjectFooter.TRAILER);
            int headerLength = trailer.getInt(0);
            ByteBuffer header = ByteBuffer.allocate(headerLength - 4);
            ch.read(header, 5);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(header.array());
            ch.truncate(5 + headerLength - 4);
            ch.write(ByteBuffer.allocate(ObjectFooter.TRAILER).putInt(headerLength - 4).putInt((int) crc.getValue())
                    .putLong(5).putLong(trailer.getLong(16)).flip(), 5 + headerLength - 4);
            ObjectFooter.Footer old = ObjectFooter.readFooter(ch, plain);
            assertThat(old.info()).isEqualTo(info);
            assertThat(old.partSizes()).isEmpty();
        }
    }

    @Test
    void keepsTheUploadAMultipartObjectWasCompletedFromAndReadsHeadersWithoutIt() throws IOException {
        ObjectInfo info = info(5, Map.of());
        Path file = dir.resolve("completed");
        ObjectFooter.Completion from = new ObjectFooter.Completion("0123456789abcdef0123456789abcdef", "f".repeat(64));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("hello".getBytes()));
            ObjectFooter.write(ch, info, List.of(3L, 2L), from);
            ObjectFooter.Footer footer = ObjectFooter.readFooter(ch, file);
            assertThat(footer.info()).isEqualTo(info);
            assertThat(footer.partSizes()).containsExactly(3L, 2L);
            assertThat(footer.completedFrom()).isEqualTo(from);
        }
        Path parts = dir.resolve("parts-only");
        try (FileChannel ch = FileChannel.open(parts, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("hello".getBytes()));
            ObjectFooter.write(ch, info, List.of(3L, 2L));
            assertThat(ObjectFooter.readFooter(ch, parts).completedFrom()).isNull();
        }
    }

    @Test
    void aFlippedHeaderByteOrATruncatedFileIsCorrupt() throws IOException {
        ObjectInfo info = info(3, Map.of("k", "v"));
        Path file = write(info, "abc");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, 10);
            one.put(0, (byte) (one.get(0) ^ 1)).rewind();
            ch.write(one, 10);
            assertThatThrownBy(() -> ObjectFooter.read(ch, file)).isInstanceOf(CorruptObjectException.class)
                    .hasMessageContaining("header checksum");
            ch.truncate(ch.size() - 1);
            assertThatThrownBy(() -> ObjectFooter.read(ch, file)).isInstanceOf(CorruptObjectException.class)
                    .hasMessageContaining("trailer");
            ch.truncate(2);
            assertThatThrownBy(() -> ObjectFooter.read(ch, file)).isInstanceOf(CorruptObjectException.class);
        }
    }

    private Path write(ObjectInfo info, String data) throws IOException {
        Path file = dir.resolve("f" + System.nanoTime());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data.getBytes()));
            ObjectFooter.write(ch, info);
        }
        return file;
    }

    private static ObjectInfo info(long size, Map<String, String> meta) {
        return new ObjectInfo("key/é", size, "etag-2", Instant.ofEpochMilli(1_700_000_000_123L),
                new ObjectProperties("text/plain", null, "inline", null, "no-cache", "never", meta),
                List.of(new Checksum("CRC64NVME", "AAAAAAAAAAA=", ChecksumType.FULL_OBJECT)), 2);
    }
}
