package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drops whose file names the JVM cannot read back are renamed before the folders are looked at, so that
 * they are taken and receipted like any other: a Shift_JIS (CP932) name from a Windows share, a name in
 * no known encoding, and, when the JVM runs without a UTF-8 locale, any non-ASCII name. The odd names are
 * made with the shell's printf, byte for byte, as the share would write them.
 */
class DropNamesTest {
    private static final Path TOILETS = Path.of("examples/yaizu/222127_public_toilet.csv");
    /** 公衆トイレ.csv in CP932, as printf octal escapes. */
    private static final String CP932_NAME = "\\214\\366\\217O\\203g\\203C\\203\\214.csv";

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aShiftJisNameIsRenamedToTheSameNameInUtf8AndBytesNoEncodingReadsAreEscaped() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ingest/yaizu"));
        Path receipts = Files.createDirectories(folder.resolve("_receipts"));
        dropWithRawName(folder, CP932_NAME);
        dropWithRawName(folder, "\\377\\376data.csv");
        Files.copy(TOILETS, folder.resolve("施設一覧.csv"));
        Files.copy(TOILETS, folder.resolve("in-progress.csv"));
        Instant now = Instant.now();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(now.minusSeconds(60)));
            }
        }
        dropWithRawName(folder, "\\203e\\203X\\203g.csv");   // テスト.csv, being written now

        int renamed = new DropNames(dir.resolve("ingest"), Duration.ofSeconds(1), Clock.systemUTC(), null).mend();

        assertThat(renamed).isEqualTo(2);
        List<String> names = names(folder);
        assertThat(names).contains("公衆トイレ.csv", "%FF%FEdata.csv", "施設一覧.csv", "in-progress.csv", "_receipts")
                .hasSize(6);
        assertThat(names).as("the one still being written is left for now").anyMatch(n -> n.contains("\uFFFD"));
        assertThat(Files.readAllBytes(folder.resolve("公衆トイレ.csv"))).isEqualTo(Files.readAllBytes(TOILETS));
        assertThat(receipts).isEmptyDirectory();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a drop never taken: publish --once waits for it
    void aDropWithAShiftJisNameGetsItsReceiptUnderItsJapaneseName() throws Exception {
        Path work = dir.resolve("work");
        Path folder = Files.createDirectories(work.resolve("ingest/yaizu"));
        dropWithRawName(folder, CP932_NAME);
        Path dropped;
        try (Stream<Path> files = Files.list(folder)) {
            dropped = files.findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(60)));

        int exit = HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", dir.resolve("store").toString());

        assertThat(exit).as("one file, not published: it has no dataset definition").isNotEqualTo(HirakuCommand.OK);
        // its receipt, and the department's list of receipts
        assertThat(names(folder.resolve("_receipts"))).contains("index.html");
        List<String> receipts = names(folder.resolve("_receipts")).stream().filter(n -> !n.equals("index.html")).toList();
        assertThat(receipts).hasSize(2).allMatch(n -> n.startsWith("公衆トイレ.csv."));
        String json = Files.readString(folder.resolve("_receipts").resolve(
                receipts.stream().filter(n -> n.endsWith(".json")).findFirst().orElseThrow()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"fileName\" : \"公衆トイレ.csv\"", "\"outcome\" : \"rejected\"");
        assertThat(names(folder)).containsExactly("_receipts");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withoutAUtf8LocaleAJapaneseNameIsEscapedAndTakenInsteadOfStoppingEveryLook() throws Exception {
        Path work = dir.resolve("work");
        Path folder = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.copy(TOILETS, folder.resolve("公衆トイレ.csv"));
        Files.setLastModifiedTime(folder.resolve("公衆トイレ.csv"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.copy(TOILETS, folder.resolve("222127_public_toilet.csv"));
        ProcessBuilder builder = RunningHiraku.command("publish", "--once", "--work", work.toString(), "--store",
                dir.resolve("store").toString());
        builder.environment().remove("LANG");
        builder.environment().remove("LC_CTYPE");
        builder.environment().put("LC_ALL", "C");
        process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();

        assertThat(output).contains("The JVM reads file names as", "Start Hiraku with LANG=C.UTF-8",
                "2 file(s): 1 published, 0 unchanged, 1 rejected");
        String escaped = "%E5%85%AC%E8%A1%86%E3%83%88%E3%82%A4%E3%83%AC.csv";
        assertThat(names(folder.resolve("_receipts"))).anyMatch(n -> n.startsWith(escaped + "."))
                .anyMatch(n -> n.startsWith("222127_public_toilet.csv."));
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFolderInADropFolderIsLeftAsItIsAndTheDepartmentIsToldOnce() throws Exception {
        Path work = dir.resolve("work");
        Path folder = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.createDirectories(folder.resolve("2024年度"));
        Files.copy(TOILETS, folder.resolve("2024年度/222127_public_toilet.csv"));
        Files.copy(TOILETS, folder.resolve("222127_public_toilet.csv"));
        Path store = dir.resolve("store");

        assertThat(HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", store.toString()))
                .isEqualTo(HirakuCommand.OK);

        Path notice = folder.resolve("_receipts/2024年度.folder.json");
        assertThat(Files.readString(notice, StandardCharsets.UTF_8)).contains("\"outcome\" : \"ignored\"",
                "フォルダ「2024年度」の中のファイルは読みません", "put each file to publish directly in ingest/yaizu/");
        assertThat(org.jsoup.Jsoup.parse(Files.readString(notice.resolveSibling("2024年度.folder.html"), StandardCharsets.UTF_8))
                .select("main div p strong").eachText()).contains("フォルダの中のファイルは読みません。");
        assertThat(folder.resolve("2024年度/222127_public_toilet.csv")).as("left as it is").exists();
        FileTime written = Files.getLastModifiedTime(notice);
        Files.copy(TOILETS, folder.resolve("222127_public_toilet_again.csv"));
        assertThat(HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", store.toString()))
                .isEqualTo(HirakuCommand.OK);
        assertThat(Files.getLastModifiedTime(notice)).as("told once").isEqualTo(written);
    }

    /** Copies the toilets' CSV to a name given as printf escapes (raw bytes). */
    private static void dropWithRawName(Path folder, String printfName) throws Exception {
        Process cp = new ProcessBuilder("sh", "-c", "cp \"$0\" \"$1/$(printf '" + printfName + "')\"",
                TOILETS.toAbsolutePath().toString(), folder.toString()).redirectErrorStream(true).start();
        String said = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cp.waitFor()).as(said).isZero();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
