package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Hiraku at a time in a work folder: while {@code run} works in it (a child JVM, as a service runs),
 * a {@code publish --once} from cron in the same folder does nothing and says who holds it, and a
 * {@code withdraw} or {@code prune} by hand is handed over to the run, which does it between two drops;
 * once {@code run} has stopped, they work by themselves.
 */
class WorkLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHirakuInTheSameWorkFolderDoesNothingAndSaysWhoHoldsIt() throws Exception {
        Path work = dir.resolve("work");
        Path store = dir.resolve("store");
        Path drops = Files.createDirectories(work.resolve("ingest/yaizu"));
        try (RunningHiraku hiraku = new RunningHiraku(Map.of(), "--work", work.toString(), "--store", store.toString(),
                "--port", String.valueOf(io.hiraku.S3Server.freePort()))) {
            hiraku.awaitOrShow(() -> hiraku.get(hiraku.health()).statusCode() == 200);

            Printed said = Printed.by(() -> HirakuCommand.execute("publish", "--once", "--work", work.toString(),
                    "--store", store.toString()));
            assertThat(said.exit()).isEqualTo(HirakuCommand.OPERATIONAL_ERROR);
            assertThat(said.err()).contains("another Hiraku is working in " + work.toAbsolutePath(), "run (takes withdraw and prune requests) since",
                    "nothing was done");
            // handed over to the run, which finds nothing published under that id
            said = Printed.by(() -> HirakuCommand.execute("withdraw", "--dataset", "yaizu-public-toilets",
                    "--whole-dataset", "--reason", "x", "--work", work.toString(), "--store", store.toString()));
            assertThat(said.exit()).isEqualTo(HirakuCommand.REJECTED);
            assertThat(said.err()).contains("the pipeline running in " + work.toAbsolutePath() + " does the withdraw",
                    "nothing is published as dataset yaizu-public-toilets");
            assertThat(work.resolve("requests")).isEmptyDirectory();
        }
        // the run has stopped (the lock went with its process): the next one works
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), drops.resolve("222127_public_toilet.csv"));
        assertThat(HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", store.toString()))
                .isEqualTo(HirakuCommand.OK);
        assertThat(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv")).exists();
        // and in one JVM the lock is let go at the end of each command
        assertThat(HirakuCommand.execute("withdraw", "--dataset", "yaizu-public-toilets", "--whole-dataset", "--reason", "試験",
                "--work", work.toString(), "--store", store.toString())).isEqualTo(HirakuCommand.OK);
    }

    @Test
    void aRunningPipelineWithdrawsAndPrunesWhatIsHandedOverAndGoesOnPublishing() throws Exception {
        Path work = dir.resolve("work");
        Path store = dir.resolve("store");
        Path drops = Files.createDirectories(work.resolve("ingest/yaizu"));
        Path takamatsu = Files.createDirectories(work.resolve("ingest/takamatsu"));
        try (RunningHiraku hiraku = new RunningHiraku(Map.of(), "--work", work.toString(), "--store", store.toString(),
                "--port", String.valueOf(io.hiraku.S3Server.freePort()))) {
            Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), drops.resolve("222127_public_toilet.csv"));
            Path csv = store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv");
            hiraku.awaitOrShow(() -> Files.exists(csv) && !Files.exists(drops.resolve("222127_public_toilet.csv")));

            Printed said = Printed.by(() -> HirakuCommand.execute("withdraw", "--dataset", "yaizu-public-toilets",
                    "--whole-dataset", "--reason", "個人情報を含んでいたため", "--work", work.toString(), "--store",
                    store.toString()));
            assertThat(said.exit()).as(said.err()).isEqualTo(HirakuCommand.OK);
            assertThat(said.out()).contains("yaizu-public-toilets: withdrawn release(s)", "no longer published");
            assertThat(csv).doesNotExist();
            assertThat(Files.readString(store.resolve("datasets/yaizu-public-toilets/index.html")))
                    .contains("個人情報を含んでいたため");
            assertThat(hiraku.log()).anyMatch(line -> line.contains("The withdraw request") && line.contains("exit 0"));

            // the run goes on: a drop after it publishes, and a prune is handed over too
            Files.copy(Path.of("examples/takamatsu/0002_aed_sjis_2023-02-16.csv"),
                    takamatsu.resolve("0002_aed_sjis_2023-02-16.csv"));
            hiraku.awaitOrShow(() -> Files.exists(store.resolve("datasets/takamatsu-aed/takamatsu-aed.csv")));
            said = Printed.by(() -> HirakuCommand.execute("prune", "--keep", "1", "--dataset", "takamatsu-aed",
                    "--work", work.toString(), "--store", store.toString()));
            assertThat(said.exit()).as(said.err()).isEqualTo(HirakuCommand.OK);
            assertThat(said.out()).contains("takamatsu-aed: removed 0 release(s)");
            assertThat(said.err()).contains("does the prune");
            assertThat(work.resolve("requests")).isEmptyDirectory();
        }
    }
}
