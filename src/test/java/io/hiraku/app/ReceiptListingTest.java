package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.catalog.ReceiptListing;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.catalog.SiteTemplates;
import io.hiraku.publish.LocalObjectStore;
import io.hiraku.publish.ObjectInfo;
import io.hiraku.publish.ObjectStore;
import io.hiraku.validate.Receipt;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department's {@code _receipts/index.html}: every drop's receipt listed on one page, newest first, with what
 * became of it and a link to it; built up drop after drop from the list the page itself carries, whatever the
 * titles and file names hold.
 */
class ReceiptListingTest {
    @TempDir
    Path dir;

    @Test
    void aDepartmentSeesEveryDropsOutcomeOnOnePageNewestFirst() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"),
                "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\ndepartments:\n  - id: health\n");
        // a title that would end the page's script element, were it written there as it is
        Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/health")).resolve("counts.yaml"), """
                title: "件数 </script><script>window.__xss=1</script>"
                description: 窓口ごとの件数
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: count, type: integer}
                """);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("counts.csv"), "id,count\n1,12\n2,7\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        Files.writeString(drop.resolve("counts.csv"), "id,count\n1,12\n2,七\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        Files.writeString(drop.resolve("窓口の一覧.csv"), "window\n中央\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);

        Path receipts = drop.resolve(Workspace.RECEIPTS);
        Document page = Jsoup.parse(receipts.resolve("index.html").toFile(), "UTF-8");
        List<Element> rows = page.select("tbody tr");
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().map(r -> r.select("td").get(1).text()).toList())
                .containsExactly("窓口の一覧.csv", "counts.csv", "counts.csv");
        assertThat(rows.stream().map(r -> r.select("td").get(3).attr("class")).toList())
                .containsExactly("rejected", "rejected", "published");
        assertThat(rows.get(1).select("td").get(2).text()).isEqualTo("件数 </script><script>window.__xss=1</script> (counts)");
        // the only script is the list itself, and each link opens that drop's receipt
        assertThat(page.select("script")).hasSize(1).allSatisfy(s -> assertThat(s.attr("type")).isEqualTo("application/json"));
        for (Element row : rows) {
            Path receipt = receipts.resolve(URLDecoder.decode(row.select("a").attr("href"), StandardCharsets.UTF_8));
            assertThat(receipt).isRegularFile();
            assertThat(Files.readString(receipt)).contains(row.select("td").get(1).text());
        }
        // the refused files' copies are the open-data team's (hiraku status lists them): no list there
        assertThat(dir.resolve("work/rejected/health/index.html")).doesNotExist();
    }

    /**
     * Two processes writing one list (distributed mode's workers, {@code withdraw} beside {@code run}) cannot lock it
     * between them: one may write it over with what it read before the other's receipt was added. The next change
     * made there brings the list back to the receipts that are there: the lost one listed again, a pending one that
     * was replaced left out; in a folder and in a store alike.
     */
    @Test
    void aListWrittenOverByAnotherProcessIsMadeWholeByTheNextReceipt() throws Exception {
        ReceiptWriter writer = new ReceiptWriter(new SiteTemplates(Path.of("catalog/site")));
        Workspace workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        ObjectStore bucket = new LocalObjectStore(dir.resolve("bucket"));
        for (ReceiptPlace place : List.of(ReceiptPlace.folder(dir.resolve("receipts")),
                ReceiptPlace.store(bucket, "drops/health/_receipts/", workspace, true))) {
            Instant t = Instant.now();
            place.write(writer, receipt("published", "a.csv", t), "a.csv.1");
            place.write(writer, receipt("pending", "b.csv", t.plusSeconds(1)), "b.csv.2.pending");
            byte[] seenByTheOther = page(place);   // what another process read: a, and b pending
            place.write(writer, receipt("published", "b.csv", t.plusSeconds(1)), "b.csv.2");
            place.delete(writer, "b.csv.2.pending");
            place.write(writer, receipt("rejected", "c.csv", t.plusSeconds(2)), "c.csv.3");
            // ... which it writes over the list with its own receipt's line added, as it was before this change
            rewrite(place, seenByTheOther);
            assertThat(names(place)).containsExactly("b.csv.2.pending", "a.csv.1");

            place.write(writer, receipt("published", "d.csv", t.plusSeconds(3)), "d.csv.4");
            assertThat(names(place)).as(place.describe()).containsExactly("d.csv.4", "c.csv.3", "b.csv.2", "a.csv.1");
        }
    }

    /** A receipt of the health department's counts, with the outcome, file name and time given. */
    static Receipt receipt(String outcome, String file, Instant at) {
        return new Receipt(outcome, "health", "健康課", file, at.toString(),
                at.atOffset(ZoneOffset.ofHours(9)).toString(), 10, "0".repeat(64), "counts", "件数",
                null, null, null, "受け付けました", "received", null, null, null, null);
    }

    private static byte[] page(ReceiptPlace place) throws Exception {
        return place.store() == null ? Files.readAllBytes(place.folder().resolve("index.html"))
                : place.store().open(place.prefix() + "index.html").orElseThrow().readAllBytes();
    }

    private void rewrite(ReceiptPlace place, byte[] page) throws Exception {
        if (place.store() == null) {
            Files.write(place.folder().resolve("index.html"), page);
        } else {
            Path file = Files.write(dir.resolve("page.html"), page);
            place.store().put(place.prefix() + "index.html", file, ObjectInfo.changing("text/html"));
        }
    }

    private static List<String> names(ReceiptPlace place) throws Exception {
        return place.listing().receipts().stream().map(ReceiptListing.Entry::name).toList();
    }

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }
}
