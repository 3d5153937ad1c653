package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.catalog.ReceiptListing;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.catalog.SiteTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop folder does not keep years of receipts when {@code hiraku.receipts.keep-days} is set: a receipt goes that
 * many days after it was written, and its line leaves the list; a pending receipt (its drop still waits) and the
 * list itself stay. Unset, every receipt stays.
 */
class ReceiptRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    @TempDir
    Path dir;

    @Test
    void receiptsWrittenBeforeTheDaysGiveGoWithTheirLinesAndPendingOnesStay() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        ReceiptWriter writer = new ReceiptWriter(new SiteTemplates(Path.of("catalog/site")));
        Path folder = workspace.receipts("health");
        ReceiptPlace place = ReceiptPlace.folder(folder);
        place.write(writer, ReceiptListingTest.receipt("published", "old.csv", NOW.minus(Duration.ofDays(40))), "old.csv.1");
        place.write(writer, ReceiptListingTest.receipt("pending", "waiting.csv", NOW.minus(Duration.ofDays(40))), "waiting.csv.2.pending");
        place.write(writer, ReceiptListingTest.receipt("rejected", "new.csv", NOW.minus(Duration.ofDays(2))), "new.csv.3");
        for (String name : new String[] {"old.csv.1", "waiting.csv.2.pending"}) {
            for (String ext : new String[] {".json", ".html"}) {
                Files.setLastModifiedTime(folder.resolve(name + ext), FileTime.from(NOW.minus(Duration.ofDays(40))));
            }
        }
        Files.setLastModifiedTime(folder.resolve(ReceiptListing.HTML), FileTime.from(NOW.minus(Duration.ofDays(400))));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThat(new ReceiptRetention(workspace, writer, clock, 0).removeExpired()).isZero();
        assertThat(Files.readString(folder.resolve(ReceiptListing.HTML))).doesNotContain("日たつと消えます");
        // the writer of a run with the setting: the folder's list tells the department how long receipts stay
        ReceiptWriter keeping = new ReceiptWriter(new SiteTemplates(Path.of("catalog/site")), 30);
        assertThat(new ReceiptRetention(workspace, keeping, clock, 30).removeExpired()).isEqualTo(2);
        assertThat(Files.readString(folder.resolve(ReceiptListing.HTML)))
                .contains("受付結果は、書かれてから 30 日たつと消えます", "A receipt is removed 30 days after it was written");

        assertThat(folder.resolve("old.csv.1.json")).doesNotExist();
        assertThat(folder.resolve("old.csv.1.html")).doesNotExist();
        assertThat(folder.resolve("waiting.csv.2.pending.json")).isRegularFile();
        assertThat(folder.resolve("new.csv.3.html")).isRegularFile();
        assertThat(place.listing().receipts().stream().map(ReceiptListing.Entry::name))
                .containsExactly("new.csv.3", "waiting.csv.2.pending");
    }
}
