package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }
}
