package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken drops, generated here, all dropped together with good files after them into the
 * real pipeline ({@code publish --once}): each hostile one ends rejected with a receipt that says why,
 * the process lives on, and the good files of both departments, dropped last, are still published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;

    private int exitCode;
    private final Map<String, JsonNode> receipts = new HashMap<>();
    private Path ingest;

    /** What a case must end as, and words its English message or report must hold. */
    private record Expected(String outcome, String... words) {
    }

    private final Map<String, Expected> cases = new java.util.LinkedHashMap<>();

    @BeforeAll
    void dropEverythingAndPublishOnce(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        catalog();
        ingest = dir.resolve("work/ingest");
        Path city = Files.createDirectories(ingest.resolve("city"));
        Path parks = Files.createDirectories(ingest.resolve("parks"));

        hostile(city, "f-empty.csv", new byte[0], new Expected("rejected", "empty"));
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, binary, 0, 8);
        hostile(city, "f-binary.csv", binary, new Expected("rejected", "control byte", "text"));
        hostile(city, "f-invalid-bytes.csv", concat("id,name,url\n1,ok,\n2,".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE3, (byte) 0x81, 'x', (byte) 0xFF, (byte) 0xFE}, ",\n".getBytes(StandardCharsets.UTF_8)),
                new Expected("rejected", "line 3"));
        writeLongLine(city.resolve("f-one-line-100mb.csv"), 100L << 20);
        cases.put("city/f-one-line-100mb.csv", new Expected("rejected", "line 1", "longer than"));
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            wide.append(i == 0 ? "" : ",").append("c").append(i);
        }
        hostile(city, "f-100000-columns.csv", (wide + "\n" + wide + "\n").getBytes(StandardCharsets.UTF_8),
                new Expected("rejected", "100000 columns", "at most"));
        hostile(city, "f-deep.json", ("[{\"id\": 1, \"name\": " + "{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000)
                + ", \"url\": \"\"}]").getBytes(StandardCharsets.UTF_8), new Expected("rejected", "nested deeper than 64"));
        hostile(city, "f-huge-string.json", ("[{\"id\": 1, \"name\": \"" + "あ".repeat(30_000_000) + "\", \"url\": \"\"}]")
                .getBytes(StandardCharsets.UTF_8), new Expected("rejected", "longer than"));
        // JSON broken in its first record: refused with where, not failed as an operational error
        hostile(city, "f-broken-object.json", "{\"id\": 1,\n \"name\": }\n".getBytes(StandardCharsets.UTF_8),
                new Expected("rejected", "the JSON is not valid at line 2, column"));
        hostile(city, "unknown-broken.json", "{\"id\": 1,\n \"name\": }\n".getBytes(StandardCharsets.UTF_8),
                new Expected("rejected", "no dataset definition", "nor can the file be read as a table", "line 2"));
        hostile(city, "f-bomb.xlsx", io.hiraku.Fixtures.xlsxZipBomb(), new Expected("rejected", "zip bomb"));
        hostile(city, "f-xxe.xlsx", xxeWorkbook(), new Expected("rejected", "DTD"));
        String good = "id,name,url\n1,市役所,https://example.jp/\n";
        hostile(city, "f-bell\u0007\u001b[31mname.csv", good.getBytes(StandardCharsets.UTF_8),
                new Expected("rejected", "control characters"));
        hostile(city, "f-" + "長".repeat(80) + ".csv", good.getBytes(StandardCharsets.UTF_8),
                new Expected("published"));
        hostile(city, "codes.csv", ("code\n" + "a".repeat(12) + "\n" + "a".repeat(40) + "!\n").getBytes(StandardCharsets.UTF_8),
                new Expected("rejected", "pattern", "too long to check"));
        // a definition whose contact link is a script: refused when loaded, its drops refused, others unaffected
        hostile(parks, "evil.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8), new Expected("rejected", "evil.yaml",
                "http"));
        // a department dropping a file of another department's dataset
        hostile(parks, "f-stolen.csv", good.getBytes(StandardCharsets.UTF_8), new Expected("rejected", "belongs to department 'city'"));
        // formulas and markup are data: kept as they are in CSV and JSON, neutralised for Excel, escaped in pages
        hostile(city, "notes.csv", ("id,name,url\n1,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",\n"
                + "2,+cmd|' /C calc'!A0,\n3,@SUM(1+1),\n4,<script>alert(1)</script>,javascript:alert(1)\n")
                .getBytes(StandardCharsets.UTF_8), new Expected("published"));
        // the good files come last
        hostile(city, "f-good.csv", (good + "2,図書館,https://example.jp/library/\n").getBytes(StandardCharsets.UTF_8),
                new Expected("published"));
        hostile(parks, "p-good.csv", "id,name\n1,中央公園\n".getBytes(StandardCharsets.UTF_8), new Expected("published"));

        Instant first = Instant.now().minusSeconds(600);
        int i = 0;
        for (String relative : cases.keySet()) {
            Files.setLastModifiedTime(ingest.resolve(relative), FileTime.from(first.plusSeconds(i++)));
        }
        exitCode = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--catalog", dir.resolve("catalog").toString(), "--store", dir.resolve("store").toString(),
                "--timeout", "120");
        for (String department : List.of("city", "parks")) {
            Path folder = ingest.resolve(department).resolve(Workspace.RECEIPTS);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path r : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    JsonNode receipt = JSON.readTree(r.toFile());
                    receipts.put(department + "/" + receipt.path("fileName").asText(), receipt);
                }
            }
        }
    }

    @Test
    void everyHostileDropIsRejectedWithItsReasonAndTheGoodOnesArePublished() {
        assertThat(exitCode).isEqualTo(HirakuCommand.REJECTED);
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Expected> c : cases.entrySet()) {
            JsonNode receipt = receipts.get(c.getKey());
            soft.assertThat(receipt).as("receipt of %s", c.getKey()).isNotNull();
            if (receipt == null) {
                continue;
            }
            soft.assertThat(receipt.path("outcome").asText()).as("outcome of %s: %s", c.getKey(), receipt.path("messageEn"))
                    .isEqualTo(c.getValue().outcome());
            String said = receipt.path("messageEn").asText() + " " + receipt.path("report").toString();
            for (String word : c.getValue().words()) {
                soft.assertThat(said).as("what the receipt of %s says", c.getKey()).containsIgnoringCase(word);
            }
        }
        soft.assertAll();
    }

    @Test
    void nothingDroppedIsLeftBehindOrLost() throws IOException {
        for (String department : List.of("city", "parks")) {
            try (Stream<Path> left = Files.list(ingest.resolve(department))) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(Workspace.RECEIPTS);
            }
        }
        try (Stream<Path> failed = Files.exists(dir.resolve("work/failed")) ? Files.list(dir.resolve("work/failed"))
                : Stream.empty()) {
            assertThat(failed).as("files an operational error stopped").isEmpty();
        }
    }

    @Test
    void formulasStayDataButAreNeutralisedForExcelAndMarkupIsEscapedInPages() throws IOException {
        Path data = dir.resolve("store/datasets/notes");
        String csv = Files.readString(data.resolve("notes.csv"));
        assertThat(csv).contains("\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"", "+cmd|' /C calc'!A0",
                "@SUM(1+1)", "<script>alert(1)</script>");
        String excel = Files.readString(data.resolve("notes-excel.csv"));
        assertThat(excel).contains("'=HYPERLINK", "'+cmd", "'@SUM").doesNotContain(",=HYPERLINK", ",+cmd", ",@SUM");
        assertThat(Files.readString(data.resolve("notes.json"))).contains("=HYPERLINK", "<script>alert(1)</script>");
        String page = Files.readString(dir.resolve("store/datasets/notes/index.html"));
        assertThat(page).doesNotContain("<script>alert(1)</script>").doesNotContain("href=\"javascript:")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    private void hostile(Path folder, String name, byte[] content, Expected expected) throws IOException {
        Files.write(folder.resolve(name), content);
        cases.put(folder.getFileName() + "/" + name, expected);
    }

    private void catalog() throws IOException {
        Path catalog = Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(catalog.resolve("catalog.yaml"), """
                title: テスト市オープンデータ
                description: テスト市のオープンデータ
                publisher: テスト市
                baseUrl: https://data.example.jp/
                departments:
                  - id: city
                    name: 市民課
                  - id: parks
                    name: 公園課
                """);
        Path city = Files.createDirectories(catalog.resolve("datasets/city"));
        Files.writeString(city.resolve("facilities.yaml"), """
                title: 施設一覧
                description: 市の施設
                source: {files: ["f-*"]}
                errorPolicy: {onError: reject}
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: name, type: string}
                    - {name: url, type: string}
                """);
        Files.writeString(city.resolve("notes.yaml"), """
                title: メモ
                description: 数式や記号を含むメモ
                source: {files: ["notes*.csv"]}
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: name, type: string}
                    - {name: url, type: string}
                """);
        Files.writeString(city.resolve("codes.yaml"), """
                title: コード
                description: a を12個以上含むコード（パターンは後戻りが爆発する書き方）
                source: {files: ["codes*.csv"]}
                schema:
                  fields:
                    - {name: code, type: string, constraints: {pattern: "(.*a){12}"}}
                """);
        Path parks = Files.createDirectories(catalog.resolve("datasets/parks"));
        Files.writeString(parks.resolve("parks.yaml"), """
                title: 公園
                description: 市の公園
                source: {files: ["p-*.csv"]}
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: name, type: string}
                """);
        Files.writeString(parks.resolve("evil.yaml"), """
                title: 悪い定義
                description: 連絡先のリンクがスクリプト
                contact: {name: 公園課, url: "javascript:alert(document.cookie)"}
                source: {files: ["evil*.csv"]}
                schema:
                  fields:
                    - {name: id, type: integer}
                """);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A header and then one line of {@code bytes} bytes without a line break. */
    private static void writeLongLine(Path file, long bytes) throws IOException {
        byte[] chunk = "abcdefghij".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk);
            }
        }
    }

    /** An xlsx-looking zip whose workbook declares an external entity (XXE). */
    private static byte[] xxeWorkbook() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("""
                    <?xml version="1.0"?>
                    <!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                    <workbook>&xxe;</workbook>
                    """.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
