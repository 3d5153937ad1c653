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
            List<Path> expired = new java.util.ArrayList<>();
            Workspace.eachFileUnder(receipts, 1, (file, attrs) -> {
                String name = file.getFileName().toString();
                boolean receipt = (name.endsWith(".json") || name.endsWith(".html")) && !name.equals(ReceiptListing.HTML)
                        && !name.substring(0, name.length() - 5).endsWith(Receipts.PENDING);
                if (receipt && attrs.lastModifiedTime().toInstant().isBefore(before)) {
                    expired.add(file);
                }
            });
            int here = 0;
            for (Path file : expired) {
                if (Files.deleteIfExists(file)) {
                    here++;
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
