package io.hiraku.publish;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a write that failed for want of room (ENOSPC, EDQUOT) from other I/O failures. The system's
 * message is in the language of the machine's locale, so where it is not one of the English ones the
 * disk is asked how much room it has left: less than the write needed means full.
 */
final class FullDisk {
    private static final String[] MESSAGES = {"No space left on device", "Disk quota exceeded", "There is not enough space"};

    private FullDisk() {
    }

    /**
     * @param folder where the write went (an existing folder on the same disk)
     * @param needed bytes the write needed
     */
    static boolean is(IOException failure, Path folder, long needed) {
        String said = reason(failure);
        for (String message : MESSAGES) {
            if (said.contains(message)) {
                return true;
            }
        }
        if (failure.getClass() != FileSystemException.class && failure.getClass() != IOException.class) {
            return false; // a named failure (no such file, access denied ...) is not a full disk
        }
        try {
            return Files.getFileStore(folder).getUsableSpace() < needed;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** What the system said of a failed write: its reason alone where it names one, without the paths. */
    static String reason(IOException failure) {
        return failure instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(failure.getMessage());
    }

    /** The file's size, or 0 where it cannot be read. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
