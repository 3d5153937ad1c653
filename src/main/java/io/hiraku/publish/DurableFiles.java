package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes that a crash cannot leave half done: content goes to a hidden temporary name beside the
 * target, is forced to disk, and is renamed over the target in one
 * step; the folder is forced too, so the rename survives a power cut. A reader sees the old file or
 * the new one, never a part. Temporary names ({@code .hiraku-<random>.tmp}) left by a killed process are
 * recognised by {@link #isTemporary(Path)} and removed at the next start.
 */
public final class DurableFiles {
    private static final String SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /**
     * A hidden temporary name beside {@code target}, unique to this write, and short whatever the
     * target's name (a 250-byte name plus a suffix would not fit in a folder entry).
     */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling(".hiraku-" + UUID.randomUUID() + SUFFIX);
    }

    /** True for the temporary names this class hands out (and the older {@code .<name>.tmp} ones). */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(SUFFIX);
    }

    public static void write(Path target, byte[] content) throws IOException {
        through(target, temp -> Files.write(temp, content));
    }

    /** Copies {@code source} to {@code target} through a temporary name, durably. */
    public static void copy(Path source, Path target) throws IOException {
        through(target, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Copies a stream (an object read from a store) to {@code target} through a temporary name, durably. */
    public static void copy(InputStream source, Path target) throws IOException {
        through(target, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** What fills the temporary file. */
    private interface Filling {
        void fill(Path temp) throws IOException;
    }

    /** Fills a temporary name beside {@code target}, then moves it into place; the temporary goes either way. */
    private static void through(Path target, Filling filling) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = temporaryFor(target);
        try {
            filling.fill(temp);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Forces {@code temp} to disk and renames it over {@code target}, then forces the folder. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        force(temp);
        rename(temp, target);
        forceFolder(target.getParent());
    }

    /** Forces a file's content and metadata to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Renames {@code temp} over {@code target} in one step (where the file system can): durable only once
     * {@code temp} was {@linkplain #force forced} before and the folder is {@linkplain #forceFolder forced} after.
     */
    public static void rename(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a folder's entries (a rename, a delete) durable; a no-op where the platform cannot. */
    public static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its renames are journaled by NTFS
        }
    }

    /** Deletes a folder and everything in it; nothing happens if there is none. @return the files deleted */
    public static int deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        int files = 0;
        try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                files += Files.isRegularFile(p) ? 1 : 0;
                Files.deleteIfExists(p);
            }
        }
        return files;
    }
}
