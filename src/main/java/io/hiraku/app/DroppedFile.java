package io.hiraku.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file in a drop folder as it was when it was taken: its path, size and modification time (in
 * milliseconds, as Camel's file consumer reads them), and the file system's key for it (the inode on
 * Linux; null where the file system has none, or when it is not known). What is deleted from, or moved out
 * of, a drop folder must still be this file: a department may drop a new file under the same name while the
 * first is processed, and that one is a new drop. A copy renamed into place has another key even when its
 * size and time are the same.
 */
record DroppedFile(Path path, long bytes, long modifiedMillis, String fileKey) {
    /** The header that carries the file key from the archive step to the steps that remove the drop. */
    static final String FILE_KEY = "HirakuDropFileKey";

    /** The file system's key of the file at {@code path} now, or null. */
    static String keyOf(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return key == null ? null : key.toString();
    }

    /** True if a file is at {@link #path} with the same size, modification time and (when known) key. */
    boolean isStillThere() throws IOException {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.isRegularFile() && now.size() == bytes && now.lastModifiedTime().toMillis() == modifiedMillis
                    && (fileKey == null || now.fileKey() == null || fileKey.equals(now.fileKey().toString()));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The same file without its key: what the drop folder's listing can compare with. */
    DroppedFile listed() {
        return new DroppedFile(path, bytes, modifiedMillis, null);
    }
}
