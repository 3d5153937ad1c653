package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work folder's disk runs low while {@code run} runs: a new drop is not taken (it would fail half-way,
 * archived or staged on a full disk); it waits in its folder, readiness goes DOWN naming the disk and its
 * free space, the metrics count it, and once space is freed it is taken and published by itself. The work
 * folder is a small tmpfs mounted for the test (root only, as CI runs it), so the disk really is low.
 */
class WorkDiskRoomTest {
    @TempDir
    Path dir;

    private Path mounted;
    private RunningHiraku hiraku;

    @AfterEach
    void stop() throws Exception {
        if (hiraku != null) {
            hiraku.close();
        }
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor();
        }
    }

    @Test
    void aDropWaitsInItsFolderWhileTheWorkDiskIsLowAndIsPublishedOnceSpaceIsFreed() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", work.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small file system here (root only): " + said);
        mounted = work;
        Path drops = Files.createDirectories(work.resolve("ingest/yaizu"));
        Path filler = work.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            out.write(new byte[16 * 1024 * 1024]);   // 8 MB left: less than the 16 MB asked for below
        }
        hiraku = new RunningHiraku(Map.of("HIRAKU_DISK_MIN_FREE_MB", "16"),
                "--work", work.toString(), "--store", dir.resolve("store").toString(),
                "--port", String.valueOf(io.hiraku.S3Server.freePort()));
        hiraku.awaitOrShow(() -> hiraku.get(hiraku.health()).statusCode() == 200);

        Path dropped = drops.resolve("222127_public_toilet.csv");
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), dropped);
        hiraku.awaitOrShow(() -> hiraku.get(hiraku.health() + "?exposureLevel=full").body()
                .contains("degraded: the disk of the work folder"));
        HttpResponse<String> degraded = hiraku.get(hiraku.health() + "?exposureLevel=full");
        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(degraded.body()).contains("degraded: the disk of the work folder", "hiraku.disk.min-free-mb (16 MB)",
                "1 drop(s) wait");
        assertThat(hiraku.get(hiraku.metrics()).body()).contains("hiraku_drops_waiting_for_room 1.0")
                .containsPattern("hiraku_disk_free_bytes [0-9.E]+");
        assertThat(hiraku.log()).anyMatch(l -> l.contains("yaizu/222127_public_toilet.csv (1 MB) waits in its drop folder"));
        assertThat(dropped).as("left where the department put it").exists();
        assertThat(drops.resolve("_receipts")).doesNotExist();

        Files.delete(filler);   // the open-data team frees space
        hiraku.awaitOrShow(() -> hiraku.get(hiraku.metrics()).body()
                .contains("hiraku_files_ended_total{department=\"yaizu\",outcome=\"published\"} 1.0"));
        hiraku.awaitOrShow(() -> hiraku.get(hiraku.health()).statusCode() == 200);
        assertThat(hiraku.get(hiraku.metrics()).body()).contains("hiraku_drops_waiting_for_room 0.0");
        assertThat(dir.resolve("store/datasets/yaizu-public-toilets/datapackage.json")).exists();
        assertThat(hiraku.log()).anyMatch(l -> l.contains("yaizu/222127_public_toilet.csv is taken now"));
        assertThat(hiraku.terminate()).isTrue();
    }
}
