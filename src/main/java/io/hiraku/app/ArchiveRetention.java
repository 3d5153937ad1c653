package io.hiraku.app;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the work folder keeps the originals it archived ({@code archive/<department>/<sha256>/}):
 * {@code hiraku.archive.keep-days} after the bytes were last dropped (0: for good). The archive is the copy made
 * before any work, so that nothing is lost while a drop is in hand; once it is done, the same bytes are in the
 * store (each release keeps {@code original/}), or in {@code rejected/} or {@code failed/} with their receipt.
 * What goes after the days given is that copy only, never one a drop in hand (in the journal) still needs;
 * replaced dataset definitions ({@code archive/definitions/}) stay. A worker's archive is a cache of the shared
 * archive, which keeps its own (an object store's lifecycle rule; see the README).
 */
public final class ArchiveRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRetention.class);
    /** Where replaced dataset definitions are kept, beside the departments' originals: never removed here. */
    static final String DEFINITIONS = "definitions";

    private final Workspace workspace;
    private final DropJournal journal;
    private final Clock clock;
    private final int keepDays;

    /** @param keepDays days an original is kept after it was last dropped; 0 keeps every one */
    public ArchiveRetention(Workspace workspace, DropJournal journal, Clock clock, int keepDays) {
        this.workspace = workspace;
        this.journal = journal;
        this.clock = clock;
        this.keepDays = keepDays;
    }

    /**
     * Marks an original's folder as dropped now: the days it is kept count from the last time its bytes came, by a
     * drop or a worker's fetch (the folder's modification time).
     */
    static void touch(Path archivedFile, Clock clock) throws IOException {
        Files.setLastModifiedTime(archivedFile.getParent(), FileTime.from(clock.instant()));
    }

    /** Removes the originals kept longer than the days given; @return how many files went */
    public int removeExpired() throws IOException {
        if (keepDays <= 0 || !Files.isDirectory(workspace.archive())) {
            return 0;
        }
        Instant before = clock.instant().minus(Duration.ofDays(keepDays));
        Set<Path> inHand = new HashSet<>();
        for (DropJournal.Entry entry : journal.entries()) {
            inHand.add(workspace.archived(entry.department(), entry.sha256()));
        }
        Removed removed = new Removed();
        for (Path department : folders(workspace.archive())) {
            if (department.getFileName().toString().equals(DEFINITIONS)) {
                continue;
            }
            for (Path original : folders(department)) {
                if (!inHand.contains(original) && Files.getLastModifiedTime(original).toInstant().isBefore(before)) {
                    removed.delete(original);
                }
            }
        }
        if (removed.files > 0) {
            LOG.info("Archive: {} original(s) last dropped more than {} day(s) ago removed ({}) from {}",
                    removed.files, keepDays, io.hiraku.publish.ByteSize.human(removed.bytes),
                    workspace.archive());
        }
        return removed.files;
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (var children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
    }

    /** Counts what it deletes: an original's folder, each file in it, then the folder. */
    private static final class Removed extends SimpleFileVisitor<Path> {
        int files;
        long bytes;

        void delete(Path folder) throws IOException {
            Files.walkFileTree(folder, this);
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (Files.deleteIfExists(file)) {
                files++;
                bytes += attrs.size();
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
        }
    }
}
