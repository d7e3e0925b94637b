package io.visionpipeline.core.index;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexCorruptedException;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndexes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The on-disk form of an index: a header ({@link VectorIndexes#MAGIC}, provider name, format
 * version, dimension, metric, count), each entry's id, tombstone flag and metadata, the stored
 * vectors (little-endian floats), a provider section (e.g. a serialised graph), and a CRC32C of
 * everything before it. Saving writes a new file beside the target, syncs it, renames it over
 * the target atomically and syncs the folder, so a crash at any point leaves the old index or
 * the new one, never a mix. Loading checks the magic, sizes and checksum and names the file and
 * the problem when any is wrong.
 */
public final class IndexFile {
    /** Version of the layout written here. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_STRING = 16 << 20;

    /**
     * What a saved file holds.
     *
     * @param store   the vectors, ids, metadata and tombstones
     * @param section the provider's own bytes (empty when none)
     */
    public record Contents(VectorStore store, byte[] section) {
    }

    private IndexFile() {
    }

    /**
     * @param file     the target file
     * @param provider the provider name to record
     * @param store    what to save
     * @param section  provider bytes (e.g. a graph), may be empty
     * @throws VisionPipelineException naming the file when it cannot be written
     */
    public static void write(Path file, String provider, VectorStore store, byte[] section) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path part = null;
        try {
            Files.createDirectories(dir);
            part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
            try (FileOutputStream fos = new FileOutputStream(part.toFile())) {
                CRC32C crc = new CRC32C();
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16), crc));
                writeBody(out, provider, store, section);
                out.flush();
                new DataOutputStream(fos).writeLong(crc.getValue());
                fos.getChannel().force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot save index " + target + ": " + e.getMessage(), e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // best effort: a stale .part file is harmless
                }
            }
        }
    }

    /**
     * @param file     a saved index
     * @param provider the provider expected to have written it
     * @return its contents
     * @throws IndexCorruptedException naming the file when it is missing, truncated or damaged
     */
    public static Contents read(Path file, String provider) {
        long length;
        try {
            length = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IndexCorruptedException(file, "the file does not exist", e);
        } catch (IOException e) {
            throw new IndexCorruptedException(file, "cannot read it (" + e.getMessage() + ")", e);
        }
        if (length < Long.BYTES) {
            throw new IndexCorruptedException(file, "truncated (" + length + " bytes)");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            CRC32C crc = new CRC32C();
            Bounded body = new Bounded(raw, length - Long.BYTES);
            DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(body, 1 << 16), crc));
            Contents contents = readBody(in, file, provider, length);
            if (in.read() >= 0) {
                throw new IndexCorruptedException(file, "unexpected bytes after the data");
            }
            long expected = new DataInputStream(raw).readLong();
            if (expected != crc.getValue()) {
                throw new IndexCorruptedException(file, "checksum mismatch (stored " + Long.toHexString(expected)
                        + ", computed " + Long.toHexString(crc.getValue()) + "): the file is damaged");
            }
            return contents;
        } catch (EOFException e) {
            throw new IndexCorruptedException(file, "truncated: it ends before its data does", e);
        } catch (IOException e) {
            throw new IndexCorruptedException(file, "cannot read it (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IndexCorruptedException(file, "invalid content (" + e.getMessage() + ")", e);
        }
    }

    private static void writeBody(DataOutputStream out, String provider, VectorStore store, byte[] section) throws IOException {
        out.write(VectorIndexes.MAGIC.getBytes(StandardCharsets.US_ASCII));
        out.writeUTF(provider);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(store.dimension());
        out.writeUTF(store.metric().name());
        int n = store.ordinals();
        out.writeInt(n);
        for (int o = 0; o < n; o++) {
            writeString(out, store.id(o));
            out.writeBoolean(store.isDeleted(o));
            EntryMetadata m = store.metadata(o);
            writeString(out, m.mediaId());
            writeString(out, m.kind());
            out.writeLong(m.start().toNanos());
            out.writeLong(m.end().toNanos());
            out.writeInt(m.attributes().size());
            for (Map.Entry<String, String> a : new java.util.TreeMap<>(m.attributes()).entrySet()) {
                writeString(out, a.getKey());
                writeString(out, a.getValue());
            }
        }
        ByteBuffer row = ByteBuffer.allocate(store.dimension() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int o = 0; o < n; o++) {
            row.clear();
            row.asFloatBuffer().put(store.chunk(o), store.offset(o), store.dimension());
            out.write(row.array());
        }
        out.writeInt(section.length);
        out.write(section);
    }

    private static Contents readBody(DataInputStream in, Path file, String provider, long length) throws IOException {
        byte[] magic = new byte[VectorIndexes.MAGIC.length()];
        in.readFully(magic);
        if (!VectorIndexes.MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IndexCorruptedException(file, "not a VisionPipeline index file (bad magic)");
        }
        String writtenBy = in.readUTF();
        if (!writtenBy.equals(provider)) {
            throw new IndexCorruptedException(file, "written by the '" + writtenBy + "' index provider, not '" + provider
                    + "' (load it with VectorIndexes.load)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IndexCorruptedException(file, "format version " + version + "; this library reads version " + FORMAT_VERSION);
        }
        int dimension = in.readInt();
        Metric metric = Metric.valueOf(in.readUTF());
        int n = in.readInt();
        if (dimension < 1 || n < 0 || (long) n * dimension * Float.BYTES > length) {
            throw new IndexCorruptedException(file, "impossible header: " + n + " vectors of " + dimension + " dimensions in "
                    + length + " bytes");
        }
        String[] ids = new String[n];
        boolean[] tombstones = new boolean[n];
        EntryMetadata[] metadata = new EntryMetadata[n];
        for (int o = 0; o < n; o++) {
            ids[o] = readString(in);
            tombstones[o] = in.readBoolean();
            String media = readString(in);
            String kind = readString(in);
            Duration start = Duration.ofNanos(in.readLong());
            Duration end = Duration.ofNanos(in.readLong());
            int attributes = in.readInt();
            if (attributes < 0 || attributes > 10_000) {
                throw new IndexCorruptedException(file, "entry " + o + " claims " + attributes + " attributes");
            }
            Map<String, String> map = new HashMap<>();
            for (int a = 0; a < attributes; a++) {
                map.put(readString(in), readString(in));
            }
            metadata[o] = new EntryMetadata(media, kind, start, end, map);
        }
        VectorStore store = new VectorStore(dimension, metric);
        byte[] row = new byte[dimension * Float.BYTES];
        float[] vector = new float[dimension];
        for (int o = 0; o < n; o++) {
            in.readFully(row);
            ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            store.restore(ids[o], vector, metadata[o], tombstones[o]);
        }
        int sectionLength = in.readInt();
        if (sectionLength < 0 || sectionLength > length) {
            throw new IndexCorruptedException(file, "impossible section length " + sectionLength);
        }
        byte[] section = new byte[sectionLength];
        in.readFully(section);
        return new Contents(store, section);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IllegalArgumentException("string length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Reads at most a given number of bytes of a stream, leaving the rest unread. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }
}
