package io.hiraku.app;

import io.hiraku.publish.DurableFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where a drop that failed after its retries is kept: {@code failed/<department>/<file>}, under its own
 * name so that it can be dropped again as it is once the cause is fixed. A file of that name already
 * kept there is never replaced (it may be the only copy: a drop fails before it is archived when the
 * work folder's disk is full); the later one goes to {@code failed/<department>/<UTC time>/<file>}.
 */
final class FailedDrops {
    private FailedDrops() {
    }

    /** Moves {@code file} (a rename, or a copy and a delete from another disk) and returns where it is now. */
    static Path keep(Path file, Path failed, String department) throws IOException {
        Path folder = Files.createDirectories(failed.resolve(department));
        Path target = folder.resolve(file.getFileName().toString());
        for (int attempt = 0; ; attempt++) {
            try {
                Files.move(file, target);
                DurableFiles.forceFolder(target.getParent());
                return target;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
                String stamp = Receipts.stamp(Instant.now()) + (attempt == 0 ? "" : "-" + attempt);
                target = Files.createDirectories(folder.resolve(stamp)).resolve(file.getFileName().toString());
            }
        }
    }
}
