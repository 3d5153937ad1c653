package io.hiraku.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work folder's layout: {@code ingest/<department>/} drop zones (receipts in {@code _receipts/}),
 * {@code archive/<department>/<sha256>/} originals, {@code rejected/<department>/} refused files with
 * their receipts, {@code failed/} files an operational error stopped, {@code staging/} releases being built,
 * {@code journal/} the step each drop in flight has reached, {@code landing/} drops taken from the ingest
 * object store while they are worked on, {@code outbox/} receipt mails not sent yet.
 */
public record Workspace(Path work, Path ingest) {
    public static final String RECEIPTS = "_receipts";

    public Path archive() {
        return work.resolve("archive");
    }

    /** Where a drop's original is archived: {@code archive/<department>/<sha256>/}. */
    public Path archived(String department, String sha256) {
        return archive().resolve(department.isEmpty() ? "_" : department).resolve(sha256);
    }

    public Path rejected() {
        return work.resolve("rejected");
    }

    public Path failed() {
        return work.resolve("failed");
    }

    /** The drop journal: each drop's step, kept until the drop is done (see {@link DropJournal}). */
    public Path journal() {
        return work.resolve("journal");
    }

    /** Drops taken from the ingest object store, each kept here until it is done (as a file in a drop folder is). */
    public Path landing() {
        return work.resolve("landing");
    }

    /** Receipt mails not sent yet (see {@link MailOutbox}). */
    public Path outbox() {
        return work.resolve("outbox");
    }

    public Path staging() {
        return work.resolve("staging");
    }

    public Path receipts(String department) {
        return ingest.resolve(department).resolve(RECEIPTS);
    }

    /**
     * The regular files under a folder now, to a depth: a file that goes while this looks (a department takes
     * it back, another node takes it) is skipped, not an error.
     */
    static java.util.List<Path> filesUnder(Path root, int depth) throws IOException {
        java.util.List<Path> files = new java.util.ArrayList<>();
        eachFileUnder(root, depth, (file, attrs) -> files.add(file));
        return files;
    }

    /** As {@link #filesUnder}, each file given with its attributes (size, time) as the walk read them. */
    static void eachFileUnder(Path root, int depth,
                              java.util.function.BiConsumer<Path, java.nio.file.attribute.BasicFileAttributes> each)
            throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Files.walkFileTree(root, java.util.Set.of(), depth, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    each.accept(file, attrs);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }

    public void create(Iterable<String> departments) throws IOException {
        for (String department : departments) {
            Files.createDirectories(ingest.resolve(department));
        }
        Files.createDirectories(archive());
        Files.createDirectories(rejected());
        Files.createDirectories(staging());
    }
}
