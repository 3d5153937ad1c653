package io.hiraku.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file in a drop folder as it was when it was taken: its path, size and modification time (in
 * milliseconds, as Camel's file consumer reads them). What is deleted from, or moved out of, a drop folder
 * must still be this file: a department may drop a new file under the same name while the first is
 * processed, and that one is a new drop.
 */
record DroppedFile(Path path, long bytes, long modifiedMillis) {

    /** True if a file is at {@link #path} with the same size and modification time. */
    boolean isStillThere() throws IOException {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.isRegularFile() && now.size() == bytes && now.lastModifiedTime().toMillis() == modifiedMillis;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
