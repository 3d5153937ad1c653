package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.CatalogLinks;
import io.hiraku.catalog.DcatGate;
import io.hiraku.publish.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.riot.RDFDataMgr;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking published data down, as the open-data team does when a department published personal data by
 * mistake: {@code hiraku withdraw} through the command line on a folder store. What was withdrawn must be
 * gone from every object of the store (the leaked text is searched for in all of them), the catalog must
 * link only what is there, and the department must be told.
 */
class WithdrawalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://data.example.jp/";
    private static final String LEAK = "山田太郎 090-1234-5678";

    @TempDir
    Path dir;

    @Test
    void aReleaseWithdrawnAfterItWasCorrectedLeavesNoTraceOfItsRows() throws Exception {
        definitions();
        String first = publish("id,count,note\n1,10,窓口\n2,20,電話\n");
        String leaked = publish("id,count,note\n1,10,窓口\n2,20,電話\n3,1," + LEAK + "\n");
        byte[] leakedFile = Files.readAllBytes(archived(LEAK));
        // the department fixes it forward: its changes quote the row it removed
        String fixed = publish("id,count,note\n1,11,窓口\n2,20,電話\n");
        assertThat(Files.readString(store("datasets/visitors/changes.json"))).contains(LEAK);
        assertThat(storeFilesContaining(LEAK)).isNotEmpty();

        // the department may upload to an ingest bucket rather than the folder: it is told there too
        System.setProperty(Settings.INGEST_STORE, dir.resolve("ingest-store").toString());
        try {
            assertThat(withdraw("--release", leaked, "--reason", "個人情報を含んでいたため")).isEqualTo(HirakuCommand.OK);
        } finally {
            System.clearProperty(Settings.INGEST_STORE);
        }
        try (Stream<Path> told = Files.list(dir.resolve("ingest-store/city/_receipts"))) {
            assertThat(told.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("visitors.withdrawn.")
                    && n.endsWith(".html"));
        }

        assertThat(storeFilesContaining(LEAK)).as("objects still holding the withdrawn row").isEmpty();
        assertThat(store("datasets/visitors/releases/" + leaked)).doesNotExist();
        assertThat(store("datasets/visitors/releases/" + first + "/visitors.csv")).exists();
        // the latest is still the corrected release; its changes keep their counts, without the quoted rows
        assertThat(Files.readAllLines(store("datasets/visitors/visitors.csv"))).containsExactly("id,count,note",
                "1,11,窓口", "2,20,電話");
        for (String changes : List.of("datasets/visitors/changes.json", "datasets/visitors/releases/" + fixed + "/changes.json")) {
            JsonNode node = JSON.readTree(store(changes).toFile());
            assertThat(node.path("removed").asLong()).as(changes).isEqualTo(1);
            assertThat(node.path("changed").asLong()).as(changes).isEqualTo(1);
            assertThat(node.has("removedExamples")).as(changes).isFalse();
            assertThat(node.path("examplesWithdrawn").asText()).contains(leaked);
        }
        JsonNode history = JSON.readTree(store("datasets/visitors/releases.json").toFile());
        assertThat(history).hasSize(3);
        assertThat(history.get(1).path("release").asText()).isEqualTo(leaked);
        assertThat(history.get(1).path("withdrawn").path("reason").asText()).isEqualTo("個人情報を含んでいたため");

        // the page says which release was withdrawn and why, and links only what is there
        Document page = Jsoup.parse(store("datasets/visitors/index.html").toFile(), "UTF-8");
        assertThat(page.select("tr#release-" + leaked.replace(".", "\\.")).text()).contains("取り下げ", "個人情報を含んでいたため");
        assertThat(page.select("tr#release-" + leaked.replace(".", "\\.") + " a")).isEmpty();
        assertThat(Jsoup.parse(store("en/datasets/visitors/index.html").toFile(), "UTF-8").select("tr.withdrawn").text())
                .contains("Withdrawn");
        CatalogLinks.assertEveryLinkResolves(dir.resolve("store"), BASE, "after the withdrawal");
        // DCAT: the release is no longer a version of the dataset; the catalog still passes the shapes
        String catalog = Files.readString(store("catalog.ttl"));
        assertThat(catalog).doesNotContain("releases/" + leaked).contains("releases/" + first, "releases/" + fixed);
        assertThat(DcatGate.check(RDFDataMgr.loadModel(store("catalog.ttl").toString()))).isEmpty();
        // readers of the feed see the release's entry again, saying it was withdrawn
        Document feed = Jsoup.parse(Files.readString(store("datasets/visitors/feed.atom")), "",
                org.jsoup.parser.Parser.xmlParser());
        assertThat(feed.select("entry:has(id:matchesOwn(" + leaked.replace(".", "\\.") + "$)) summary").text())
                .isEqualTo("withdrawn: 個人情報を含んでいたため");

        // the department is told
        JsonNode receipt = JSON.readTree(receipt("visitors.withdrawn.", ".json").toFile());
        assertThat(receipt.path("outcome").asText()).isEqualTo("withdrawn");
        assertThat(receipt.path("messageJa").asText()).contains(leaked, "個人情報を含んでいたため", fixed);
        assertThat(Files.readString(receipt("visitors.withdrawn.", ".html"))).contains("公開を取り下げました");

        // pruning to one release keeps the record of the withdrawal, and only the latest's files
        assertThat(HirakuCommand.execute("prune", "--keep", "1", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString())).isEqualTo(HirakuCommand.OK);
        JsonNode pruned = JSON.readTree(store("datasets/visitors/releases.json").toFile());
        assertThat(pruned).extracting(e -> e.path("release").asText()).containsExactly(fixed, leaked);
        assertThat(filesUnder("datasets/visitors/releases/" + first)).isEmpty();
        assertThat(store("datasets/visitors/releases/" + fixed + "/visitors.csv")).exists();

        // the withdrawn file dropped again (a copy left on a desktop) is refused, naming the withdrawal
        Files.write(dir.resolve("work/ingest/city/visitors.csv"), leakedFile);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode refused = JSON.readTree(receipt("visitors.csv.", ".json").toFile());
        assertThat(refused.path("outcome").asText()).isEqualTo("rejected");
        assertThat(refused.path("messageEn").asText()).contains("withdrawn", leaked);
        assertThat(storeFilesContaining(LEAK)).isEmpty();
    }

    @Test
    void withdrawingTheLatestReleaseMakesThePreviousOneTheLatestAgain() throws Exception {
        definitions();
        String first = publish("id,count,note\n1,10,窓口\n");
        String leaked = publish("id,count,note\n1,10,窓口\n3,1," + LEAK + "\n");

        assertThat(archivedFilesContaining(LEAK)).hasSize(1);
        // where distributed mode keeps it for its workers, too
        Path original = archived(LEAK);
        Path shared = dir.resolve("shared/originals/city/" + Sha256.of(original) + "/visitors.csv");
        Files.createDirectories(shared.getParent());
        Files.copy(original, shared);

        System.setProperty(Settings.SHARED_ARCHIVE, dir.resolve("shared").toString());
        try {
            assertThat(withdraw("--release", leaked, "--reason", "誤ったファイル", "--erase-originals"))
                    .isEqualTo(HirakuCommand.OK);
        } finally {
            System.clearProperty(Settings.SHARED_ARCHIVE);
        }
        assertThat(shared).doesNotExist();

        assertThat(storeFilesContaining(LEAK)).isEmpty();
        // asked to, the dropped original is gone from the archive too; the first release's stays
        assertThat(archivedFilesContaining(LEAK)).isEmpty();
        assertThat(archivedFilesContaining("1,10,窓口")).hasSize(1);
        assertThat(Files.readAllLines(store("datasets/visitors/visitors.csv"))).containsExactly("id,count,note", "1,10,窓口");
        // the latest files are the first release's, byte for byte, and SHA256SUMS holds for every one
        assertThat(Files.readAllBytes(store("datasets/visitors/datapackage.json")))
                .isEqualTo(Files.readAllBytes(store("datasets/visitors/releases/" + first + "/datapackage.json")));
        for (String line : Files.readAllLines(store("datasets/visitors/SHA256SUMS"))) {
            String[] sum = line.split("  ");
            assertThat(Sha256.of(store("datasets/visitors/" + sum[1]))).as(sum[1]).isEqualTo(sum[0]);
        }
        // the first release had no changes.json: the withdrawn one's is gone with it
        assertThat(store("datasets/visitors/changes.json")).doesNotExist();
        assertThat(Jsoup.parse(store("datasets/visitors/index.html").toFile(), "UTF-8").select("dl.facts").text())
                .contains(first);
        CatalogLinks.assertEveryLinkResolves(dir.resolve("store"), BASE, "after the latest was withdrawn");

        // the next drop follows the first release
        String next = publish("id,count,note\n1,12,窓口\n");
        JsonNode changes = JSON.readTree(store("datasets/visitors/changes.json").toFile());
        assertThat(changes.path("previousRelease").asText()).isEqualTo(first);
        assertThat(changes.path("changed").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(store("datasets/visitors/releases.json").toFile()).get(0).path("release").asText())
                .isEqualTo(next);
    }

    @Test
    void aWithdrawnDatasetLeavesOnlyAPageSayingWhyAndComesBackWithACorrectedFile() throws Exception {
        definitions();
        Files.writeString(dir.resolve("catalog/datasets/city/counters.yaml"), "title: 窓口数\ndescription: 窓口の数\n"
                + "schema:\n  fields:\n    - {name: id, type: integer}\n    - {name: count, type: integer}\n");
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/city")).resolve("counters.csv"), "id,count\n1,3\n");
        publish("id,count,note\n1,10,窓口\n");
        publish("id,count,note\n1,10," + LEAK + "\n");

        // a forgotten --release does not take the dataset down
        assertThat(withdraw("--reason", "誤って公開")).isEqualTo(HirakuCommand.REJECTED);
        assertThat(store("datasets/visitors/datapackage.json")).exists();

        assertThat(withdraw("--whole-dataset", "--reason", "公開の対象外のデータでした")).isEqualTo(HirakuCommand.OK);

        assertThat(storeFilesContaining(LEAK)).isEmpty();
        List<String> left = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            files.filter(Files::isRegularFile).map(p -> dir.resolve("store").relativize(p).toString())
                    .filter(k -> k.contains("visitors") && !k.contains("/.")).forEach(left::add);
        }
        assertThat(left).containsExactlyInAnyOrder("datasets/visitors/index.html", "datasets/visitors/releases.json",
                "datasets/visitors/feed.atom", "en/datasets/visitors/index.html");
        Document page = Jsoup.parse(store("datasets/visitors/index.html").toFile(), "UTF-8");
        assertThat(page.select("h1").text()).contains("来庁者数", "公開取り下げ");
        assertThat(page.select("div.withdrawn").text()).contains("公開の対象外のデータでした");
        assertThat(page.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(page.select("table.releases tbody tr")).hasSize(2);
        assertThat(Jsoup.parse(store("en/datasets/visitors/index.html").toFile(), "UTF-8").select("div.withdrawn").text())
                .contains("This dataset has been withdrawn");
        // gone from every list harvesters read; the other dataset stays
        for (String doc : List.of("catalog.ttl", "data.json", "sitemap.xml", "api/3/action/package_list",
                "api/3/action/package_search", "index.html", "departments/city/index.html", "search-index.json")) {
            assertThat(Files.readString(store(doc))).as(doc).doesNotContain("datasets/visitors", "\"visitors\"");
        }
        // the feeds tell their readers: each release's entry again, saying it was withdrawn and why
        for (String feed : List.of("feeds/all.atom", "feeds/city.atom", "datasets/visitors/feed.atom")) {
            Document atom = Jsoup.parse(Files.readString(store(feed)), "", org.jsoup.parser.Parser.xmlParser());
            assertThat(atom.select("entry:has(id:matchesOwn(datasets/visitors/releases/)) summary").eachText()).as(feed)
                    .hasSize(2).allMatch(t -> t.equals("withdrawn: 公開の対象外のデータでした"));
        }
        assertThat(Files.readString(store("api/3/action/package_list"))).contains("counters");
        assertThat(store("api/3/action/package_show/visitors")).doesNotExist();
        CatalogLinks.assertEveryLinkResolves(dir.resolve("store"), BASE, "after the dataset was withdrawn");
        assertThat(JSON.readTree(receipt("visitors.withdrawn.", ".json").toFile()).path("messageEn").asText())
                .contains("was withdrawn", "公開の対象外のデータでした");

        // run again (say it was interrupted): it finishes, nothing more to withdraw; so does one of its releases
        assertThat(withdraw("--whole-dataset", "--reason", "公開の対象外のデータでした")).isEqualTo(HirakuCommand.OK);
        String oneOfThem = JSON.readTree(store("datasets/visitors/releases.json").toFile()).get(0).path("release").asText();
        assertThat(withdraw("--release", oneOfThem, "--reason", "公開の対象外のデータでした")).isEqualTo(HirakuCommand.OK);
        assertThat(store("datasets/visitors/index.html")).exists();
        assertThat(store("datasets/visitors/datapackage.json")).doesNotExist();
        // an id nothing was published under is refused
        assertThat(HirakuCommand.execute("withdraw", "--dataset", "no-such", "--whole-dataset", "--reason", "x", "--work",
                dir.resolve("work").toString(), "--store", dir.resolve("store").toString(), "--catalog",
                dir.resolve("catalog").toString())).isEqualTo(HirakuCommand.REJECTED);

        // a corrected file publishes the dataset again, its history keeping the withdrawn releases
        String back = publish("id,count,note\n1,10,窓口（本庁）\n");
        assertThat(Files.readString(store("catalog.ttl"))).contains("datasets/visitors");
        JsonNode history = JSON.readTree(store("datasets/visitors/releases.json").toFile());
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("release").asText()).isEqualTo(back);
        assertThat(history.get(0).path("summary").asText()).isEqualTo("first release");
        assertThat(Jsoup.parse(store("datasets/visitors/index.html").toFile(), "UTF-8").select("table.downloads")).isNotEmpty();
    }

    private void definitions() throws Exception {
        Files.createDirectories(dir.resolve("catalog/datasets/city"));
        Files.writeString(dir.resolve("catalog/catalog.yaml"), "title: {ja: 市のカタログ, en: City catalog}\n"
                + "description: {ja: 市のデータ, en: The city's data}\npublisher: {ja: 市, en: The city}\n"
                + "baseUrl: " + BASE.substring(0, BASE.length() - 1) + "\nlanguages: [ja, en]\n"
                + "departments:\n  - id: city\n");
        Files.writeString(dir.resolve("catalog/datasets/city/visitors.yaml"), "title: {ja: 来庁者数, en: Visitors}\n"
                + "description: 窓口ごとの来庁者数\nschema:\n  primaryKey: id\n  fields:\n"
                + "    - {name: id, type: integer}\n    - {name: count, type: integer}\n    - {name: note, type: string}\n");
    }

    /** Drops the file as the department would and publishes it; @return the release it became */
    private String publish(String csv) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/city")).resolve("visitors.csv"), csv);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        return JSON.readTree(store("datasets/visitors/datapackage.json").toFile()).path("hiraku").path("release").asText();
    }

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }

    private int withdraw(String... more) {
        List<String> args = new ArrayList<>(List.of("withdraw", "--dataset", "visitors", "--work",
                dir.resolve("work").toString(), "--store", dir.resolve("store").toString(), "--catalog",
                dir.resolve("catalog").toString()));
        args.addAll(List.of(more));
        return HirakuCommand.execute(args.toArray(String[]::new));
    }

    private List<Path> filesUnder(String key) throws Exception {
        if (!Files.exists(store(key))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store(key))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Path store(String key) {
        return dir.resolve("store").resolve(key);
    }

    private List<Path> archivedFilesContaining(String text) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("work/archive"))) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains(text);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    /** The archived original holding a text (the department's file as dropped). */
    private Path archived(String text) throws Exception {
        return archivedFilesContaining(text).get(0);
    }

    /** Every object of the store whose bytes hold the text (gzipped ones unpacked). */
    private List<String> storeFilesContaining(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (file.toString().endsWith(".gz")) {
                    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                        bytes = in.readAllBytes();
                    }
                }
                if (indexOf(bytes, needle) >= 0) {
                    found.add(dir.resolve("store").relativize(file).toString());
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The newest receipt in the department's folder whose name starts so. */
    private Path receipt(String prefix, String suffix) throws Exception {
        try (Stream<Path> receipts = Files.list(dir.resolve("work/ingest/city/_receipts"))) {
            return receipts.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(suffix))
                    .max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        }
    }
}
