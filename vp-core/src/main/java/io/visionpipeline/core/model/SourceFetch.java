package io.visionpipeline.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Tries a model file's sources in order and moves the first copy whose SHA-256 matches into
 * place atomically: how the store fills its cache, and how a conversion gets its input files.
 */
final class SourceFetch {
    private SourceFetch() {
    }

    /**
     * What trying the sources gave.
     *
     * @param source         the source the file came from, or null when none delivered it
     * @param neededDownload whether a source could have delivered it with a download
     * @param tried          one line per failed source, for messages
     */
    record Result(ModelSource source, boolean neededDownload, String tried) {
        boolean fetched() {
            return source != null;
        }
    }

    /**
     * @param context  shared fetch settings
     * @param file     the file and its sources
     * @param target   where the verified file goes
     * @param download whether sources may download
     * @return what happened; the file is at {@code target} when {@link Result#fetched()}
     */
    static Result fetch(FetchContext context, ModelFile file, Path target, boolean download) {
        StringBuilder tried = new StringBuilder();
        boolean neededDownload = false;
        for (ModelSource source : file.sources()) {
            try (InputStream in = source.open(context, download)) {
                if (in == null) {
                    neededDownload |= source.isDownload();
                    continue;
                }
                String sha = copyAtomically(in, target);
                if (sha.equals(file.sha256())) {
                    return new Result(source, neededDownload, tried.toString());
                }
                Files.deleteIfExists(target);
                tried.append("\n  - ").append(source.text()).append(": SHA-256 ").append(sha).append(" instead of ").append(file.sha256());
            } catch (IOException | RuntimeException e) {
                tried.append("\n  - ").append(source.text()).append(": ").append(e.getMessage());
            }
        }
        return new Result(null, neededDownload, tried.toString());
    }

    /**
     * @param in     the bytes
     * @param target where they go, replaced atomically
     * @return their SHA-256
     * @throws IOException when writing fails
     */
    static String copyAtomically(InputStream in, Path target) throws IOException {
        Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            MessageDigest digest = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
                in.transferTo(out);
            }
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return HexFormat.of().formatHex(digest.digest());
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
