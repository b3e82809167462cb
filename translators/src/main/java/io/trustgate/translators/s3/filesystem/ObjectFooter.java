package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The attributes stored at the end of every object and part file, after the data:
 * {@code [data][header][u32 header length][u32 CRC32 of header][u64 data length][8-byte magic]}.
 *
 * <p>Keeping data first lets a reader hand out {@code [0, size)} of the file for zero-copy transfer, and lets the
 * writer stream the body before it knows the MD5. Header and data travel in one file, so one rename publishes both:
 * no object is ever visible without its attributes or with another version's. The fixed trailer is validated on
 * every read (magic, lengths adding up to the file size, header CRC); a file that fails is reported as corrupt,
 * never served.
 *
 * <p>The header ends with the byte size of each part of a multipart object (so {@code GetObject?partNumber=N} can be
 * served), then, for an object made by CompleteMultipartUpload, the {@link Completion} it came from; a header
 * written before a field existed simply ends earlier and reads as "no part sizes" / "no completion" (and a reader
 * that predates a field ignores the bytes after the ones it knows).
 */
final class ObjectFooter {

    /**
     * A footer's contents: the attributes, for a multipart object its part sizes in order (else empty), and the
     * object's bytes when the whole file came in the one tail read (a small object; else null). {@code data} is a
     * read-only buffer of exactly {@code info.size()} bytes.
     */
    record Footer(ObjectInfo info, List<Long> partSizes, ByteBuffer data, Completion completedFrom) {
    }

    /**
     * Where a multipart object came from: the upload id and {@code CompletedParts.fingerprint} of the part list it
     * was completed with, so that a repeated CompleteMultipartUpload can be answered as the first one was (also
     * after a restart).
     */
    record Completion(String uploadId, String partsFingerprint) {
    }

    static final int TRAILER = 24;
    private static final int TAIL_READ = 4096;
    private static final long MAGIC = 0x5447_5333_4F42_4A31L; // "TGS3OBJ1"
    private static final int VERSION = 1;

    private ObjectFooter() {
    }

    /** The current time at the footer's resolution (milliseconds), so that what a commit returns is what is stored. */
    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Appends the footer describing {@code info} at {@code position} (the end of the data, {@code info.size()}). */
    static long write(FileChannel channel, ObjectInfo info) throws IOException {
        return write(channel, info, List.of());
    }

    /**
     * As {@link #write(FileChannel, ObjectInfo)}, recording a multipart object's part sizes in part order. Returns
     * the end of the footer, the file's length.
     */
    static long write(FileChannel channel, ObjectInfo info, List<Long> partSizes) throws IOException {
        return write(channel, info, partSizes, null);
    }

    /** As {@link #write(FileChannel, ObjectInfo, List)}, recording the upload a multipart object was completed from. */
    static long write(FileChannel channel, ObjectInfo info, List<Long> partSizes, Completion completedFrom)
            throws IOException {
        byte[] header = encode(info, partSizes, completedFrom);
        CRC32 crc = new CRC32();
        crc.update(header);
        ByteBuffer buf = ByteBuffer.allocate(header.length + TRAILER);
        buf.put(header).putInt(header.length).putInt((int) crc.getValue()).putLong(info.size()).putLong(MAGIC);
        buf.flip();
        long position = info.size();
        while (buf.hasRemaining()) {
            position += channel.write(buf, position);
        }
        return position;
    }

    /**
     * Reads and validates the footer of an open object or part file; {@code name} labels errors. One positional
     * read of the file's last 4 KiB usually holds the whole footer.
     */
    static ObjectInfo read(FileChannel channel, Object name) throws IOException {
        return readFooter(channel, name).info();
    }

    /** As {@link #read(FileChannel, Object)}, with the part sizes. */
    static Footer readFooter(FileChannel channel, Object name) throws IOException {
        long fileSize = channel.size();
        if (fileSize < TRAILER) {
            throw new CorruptObjectException(name + ": shorter than its trailer");
        }
        int tailLength = (int) Math.min(fileSize, TAIL_READ);
        ByteBuffer tail = ByteBuffer.allocate(tailLength);
        readFully(channel, tail, fileSize - tailLength);
        tail.position(tailLength - TRAILER);
        int headerLength = tail.getInt();
        int headerCrc = tail.getInt();
        long dataLength = tail.getLong();
        if (tail.getLong() != MAGIC || headerLength < 0 || dataLength < 0
                || dataLength + headerLength + TRAILER != fileSize) {
            throw new CorruptObjectException(name + ": bad trailer");
        }
        byte[] header = new byte[headerLength];
        if (headerLength + TRAILER <= tailLength) {
            System.arraycopy(tail.array(), tailLength - TRAILER - headerLength, header, 0, headerLength);
        } else {
            readFully(channel, ByteBuffer.wrap(header), dataLength);
        }
        CRC32 crc = new CRC32();
        crc.update(header);
        if ((int) crc.getValue() != headerCrc) {
            throw new CorruptObjectException(name + ": header checksum mismatch");
        }
        Footer footer = decode(header, dataLength, name);
        if (tailLength != fileSize) {
            return footer;
        }
        ByteBuffer data = ByteBuffer.wrap(tail.array(), 0, (int) dataLength).slice().asReadOnlyBuffer();
        return new Footer(footer.info(), footer.partSizes(), data, footer.completedFrom());
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position);
            if (n < 0) {
                throw new CorruptObjectException("unexpected end of file");
            }
            position += n;
        }
    }

    private static byte[] encode(ObjectInfo info, List<Long> partSizes, Completion completedFrom) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(VERSION);
        writeString(out, info.key());
        writeString(out, info.etag());
        out.writeLong(info.lastModified().toEpochMilli());
        out.writeInt(info.partsCount());
        ObjectProperties p = info.properties();
        writeString(out, p.contentType());
        writeString(out, p.contentEncoding());
        writeString(out, p.contentDisposition());
        writeString(out, p.contentLanguage());
        writeString(out, p.cacheControl());
        writeString(out, p.expires());
        out.writeInt(p.userMetadata().size());
        for (Map.Entry<String, String> e : p.userMetadata().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        out.writeInt(info.checksums().size());
        for (Checksum c : info.checksums()) {
            writeString(out, c.algorithm());
            writeString(out, c.value());
            writeString(out, c.type() == null ? null : c.type().name());
        }
        out.writeInt(partSizes.size());
        for (long size : partSizes) {
            out.writeLong(size);
        }
        if (completedFrom != null) {
            writeString(out, completedFrom.uploadId());
            writeString(out, completedFrom.partsFingerprint());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static Footer decode(byte[] header, long size, Object name) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(header));
        if (in.readInt() != VERSION) {
            throw new CorruptObjectException(name + ": unknown footer version");
        }
        String key = readString(in);
        String etag = readString(in);
        Instant lastModified = Instant.ofEpochMilli(in.readLong());
        int partsCount = in.readInt();
        String contentType = readString(in);
        String contentEncoding = readString(in);
        String contentDisposition = readString(in);
        String contentLanguage = readString(in);
        String cacheControl = readString(in);
        String expires = readString(in);
        int metaCount = in.readInt();
        Map<String, String> meta = new TreeMap<>();
        for (int i = 0; i < metaCount; i++) {
            meta.put(readString(in), readString(in));
        }
        int checksumCount = in.readInt();
        List<Checksum> checksums = new ArrayList<>(checksumCount);
        for (int i = 0; i < checksumCount; i++) {
            String algorithm = readString(in);
            String value = readString(in);
            String type = readString(in);
            checksums.add(new Checksum(algorithm, value, type == null ? null : ChecksumType.valueOf(type)));
        }
        List<Long> partSizes = new ArrayList<>();
        if (in.available() > 0) {
            int partSizeCount = in.readInt();
            for (int i = 0; i < partSizeCount; i++) {
                partSizes.add(in.readLong());
            }
        }
        Completion completedFrom = null;
        if (in.available() > 0) {
            String uploadId = readString(in);
            String fingerprint = readString(in);
            completedFrom = uploadId == null ? null : new Completion(uploadId, fingerprint);
        }
        ObjectProperties properties = new ObjectProperties(contentType, contentEncoding, contentDisposition,
                contentLanguage, cacheControl, expires, meta);
        return new Footer(new ObjectInfo(key, size, etag, lastModified, properties, checksums, partsCount),
                List.copyOf(partSizes), null, completedFrom);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
