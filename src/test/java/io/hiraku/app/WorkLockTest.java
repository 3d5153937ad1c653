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
 * a {@code publish --once} from cron or a {@code withdraw} by hand in the same folder does nothing and says
 * who holds it; once {@code run} has stopped, they work.
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
            assertThat(said[0]).contains("another Hiraku is working in " + work.toAbsolutePath(), "run since",
                    "nothing was done");
            exit = withErrors(said, () -> HirakuCommand.execute("withdraw", "--dataset", "yaizu-public-toilets",
                    "--whole-dataset", "--reason", "x", "--work", work.toString(), "--store", store.toString()));
            assertThat(exit).isEqualTo(HirakuCommand.OPERATIONAL_ERROR);
            assertThat(said[0]).contains("another Hiraku is working in");
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
