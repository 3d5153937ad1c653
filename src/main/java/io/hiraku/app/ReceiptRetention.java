package io.hiraku.app;

import io.hiraku.catalog.ReceiptListing;
import io.hiraku.catalog.ReceiptWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a department's drop folder keeps its receipts ({@code ingest/<department>/_receipts/}):
 * {@code hiraku.receipts.keep-days} after each was written (0: for good), so that a folder a department opens
 * does not hold years of them. A pending receipt stays (its drop still waits), and the list ({@code index.html})
 * stays, without the lines of the receipts removed. Receipts in an ingest bucket are the bucket's to expire (a
 * lifecycle rule on {@code <department>/_receipts/}).
 */
public final class ReceiptRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRetention.class);
    private static final String PENDING = ".pending";

    private final Workspace workspace;
    private final ReceiptWriter writer;
    private final Clock clock;
    private final int keepDays;

    /** @param keepDays days a receipt is kept after it was written; 0 keeps every one */
    public ReceiptRetention(Workspace workspace, ReceiptWriter writer, Clock clock, int keepDays) {
        this.workspace = workspace;
        this.writer = writer;
        this.clock = clock;
        this.keepDays = keepDays;
    }

    /** Removes the receipts written before the days given; @return how many files went */
    public int removeExpired() throws IOException {
        if (keepDays <= 0 || !Files.isDirectory(workspace.ingest())) {
            return 0;
        }
        Instant before = clock.instant().minus(Duration.ofDays(keepDays));
        int removed = 0;
        List<Path> departments;
        try (var children = Files.list(workspace.ingest())) {
            departments = children.filter(Files::isDirectory).sorted().toList();
        }
        for (Path department : departments) {
            Path receipts = department.resolve(Workspace.RECEIPTS);
            int here = 0;
            for (Path file : Workspace.filesUnder(receipts, 1)) {
                String name = file.getFileName().toString();
                String base = name.endsWith(".json") ? name.substring(0, name.length() - 5)
                        : name.endsWith(".html") ? name.substring(0, name.length() - 5) : null;
                if (base == null || base.endsWith(PENDING) || name.equals(ReceiptListing.HTML)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                        here++;
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // gone meanwhile
                }
            }
            if (here > 0) {
                ReceiptPlace.folder(receipts).refreshListing(writer);
                removed += here;
            }
        }
        if (removed > 0) {
            LOG.info("Receipts: {} receipt file(s) written more than {} day(s) ago removed from the drop folders' {}/",
                    removed, keepDays, Workspace.RECEIPTS);
        }
        return removed;
    }
}
