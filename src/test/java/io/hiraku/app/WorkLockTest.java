package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

            String[] said = new String[1];
            int exit = withErrors(said, () -> HirakuCommand.execute("publish", "--once", "--work", work.toString(),
                    "--store", store.toString()));
            assertThat(exit).isEqualTo(HirakuCommand.OPERATIONAL_ERROR);
            assertThat(said[0]).contains("another Hiraku is working in " + work.toAbsolutePath(), "run (takes withdraw and prune requests) since",
                    "nothing was done");
            // handed over to the run, which finds nothing published under that id
            exit = withErrors(said, () -> HirakuCommand.execute("withdraw", "--dataset", "yaizu-public-toilets",
                    "--whole-dataset", "--reason", "x", "--work", work.toString(), "--store", store.toString()));
            assertThat(exit).isEqualTo(HirakuCommand.REJECTED);
            assertThat(said[0]).contains("the pipeline running in " + work.toAbsolutePath() + " does the withdraw",
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

            String[] said = new String[2];
            int exit = withOutput(said, () -> HirakuCommand.execute("withdraw", "--dataset", "yaizu-public-toilets",
                    "--whole-dataset", "--reason", "個人情報を含んでいたため", "--work", work.toString(), "--store",
                    store.toString()));
            assertThat(exit).as(said[1]).isEqualTo(HirakuCommand.OK);
            assertThat(said[0]).contains("yaizu-public-toilets: withdrawn release(s)", "no longer published");
            assertThat(csv).doesNotExist();
            assertThat(Files.readString(store.resolve("datasets/yaizu-public-toilets/index.html")))
                    .contains("個人情報を含んでいたため");
            assertThat(hiraku.log()).anyMatch(line -> line.contains("The withdraw request") && line.contains("exit 0"));

            // the run goes on: a drop after it publishes, and a prune is handed over too
            Files.copy(Path.of("examples/takamatsu/0002_aed_sjis_2023-02-16.csv"),
                    takamatsu.resolve("0002_aed_sjis_2023-02-16.csv"));
            hiraku.awaitOrShow(() -> Files.exists(store.resolve("datasets/takamatsu-aed/takamatsu-aed.csv")));
            exit = withOutput(said, () -> HirakuCommand.execute("prune", "--keep", "1", "--dataset", "takamatsu-aed",
                    "--work", work.toString(), "--store", store.toString()));
            assertThat(exit).as(said[1]).isEqualTo(HirakuCommand.OK);
            assertThat(said[0]).contains("takamatsu-aed: removed 0 release(s)");
            assertThat(said[1]).contains("does the prune");
            assertThat(work.resolve("requests")).isEmptyDirectory();
        }
    }

    /** Runs a command in this JVM; {@code said[0]} is what it printed, {@code said[1]} its errors. */
    private static int withOutput(String[] said, java.util.concurrent.Callable<Integer> command) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String[] errors = new String[1];
        try {
            return withErrors(errors, command);
        } finally {
            System.setOut(out);
            said[0] = buffer.toString(StandardCharsets.UTF_8);
            said[1] = errors[0];
        }
    }

    private static int withErrors(String[] said, java.util.concurrent.Callable<Integer> command) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return command.call();
        } finally {
            System.setErr(err);
            said[0] = buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
