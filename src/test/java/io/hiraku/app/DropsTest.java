package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.publish.Sha256;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to a dropped file in the drop folder: archived whole before any work, deleted once done or
 * moved to failed/, and only ever if it is still the file that was taken. A department that drops a new
 * file under the same name while the first is processed must not lose it.
 */
class DropsTest {
    private static final Path TOILETS = Path.of("examples/yaizu/222127_public_toilet.csv");

    @TempDir
    Path dir;

    private Workspace workspace;
    private DropJournal journal;
    private Drops drops;
    private Path dropped;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws IOException {
        workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        journal = new DropJournal(workspace.journal());
        drops = new Drops(workspace, journal, new Outcomes(), new PipelineMetrics(meters, workspace.ingest()),
                Clock.systemUTC(), null);
        dropped = Files.createDirectories(workspace.ingest().resolve("yaizu")).resolve("222127_public_toilet.csv");
        Files.copy(TOILETS, dropped);
    }

    @Test
    void aDropIsArchivedWholeAndDeletedWhenDone() throws Exception {
        Taken taken = take();
        IngestJob job = archive(taken);

        assertThat(job.getSha256()).isEqualTo(Sha256.of(TOILETS));
        assertThat(Files.readAllBytes(workspace.archived("yaizu", job.getSha256()).resolve("222127_public_toilet.csv")))
                .isEqualTo(Files.readAllBytes(TOILETS));
        assertThat(journal.entries()).hasSize(1);
        finish(taken);
        assertThat(dropped).doesNotExist();
        assertThat(journal.entries()).isEmpty();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aFileDroppedUnderTheSameNameWhileTheFirstIsProcessedIsKeptForTheNextPoll() throws Exception {
        Taken taken = take();
        IngestJob first = archive(taken);
        byte[] next = "施設名,所在地\n新しいトイレ,焼津市本町\n".getBytes(StandardCharsets.UTF_8);
        dropAgain(next, taken.modified + 2000);

        finish(taken);

        assertThat(dropped).exists();
        assertThat(Files.readAllBytes(dropped)).isEqualTo(next);
        assertThat(journal.entries()).as("the first drop is forgotten; the file left is a new drop").isEmpty();
        assertThat(workspace.archived("yaizu", first.getSha256()).resolve("222127_public_toilet.csv")).exists();
    }

    @Test
    void aCopyOfTheSameSizeAndTimeRenamedOverTheDropIsANewDropToo() throws Exception {
        Taken taken = take();
        archive(taken);
        // another file, byte for byte as long, stamped with the same time (a copy tool keeping times)
        byte[] other = Files.readAllBytes(dropped);
        other[other.length - 2] = (byte) (other[other.length - 2] == '0' ? '1' : '0');
        dropAgain(other, taken.modified);
        assertThat(take().bytes).isEqualTo(taken.bytes);

        finish(taken);

        assertThat(Files.readAllBytes(dropped)).isEqualTo(other);
    }

    @Test
    void aFileWrittenOverWhileItIsReadIsTakenAgainOnceItHasSettled() throws Exception {
        Taken taken = take();
        dropAgain("施設名\n書きかけ".getBytes(StandardCharsets.UTF_8), taken.modified + 2000);

        assertThat(archive(taken)).isNull();

        assertThat(dropped).exists();
        assertThat(journal.entries()).isEmpty();
        try (Stream<Path> archived = Files.list(workspace.archive().resolve("yaizu"))) {
            assertThat(archived.toList()).as("nothing archived").isEmpty();
        }
        assertThat(temporaryFiles()).isEmpty();
        // the next poll takes the file as it is now
        Taken again = take();
        assertThat(archive(again).getSha256()).isEqualTo(Sha256.of(dropped));
    }

    @Test
    void aFileTakenAwayBeforeItIsReadIsNothingToDo() throws Exception {
        Taken taken = take();
        Files.delete(dropped);
        assertThat(archive(taken)).isNull();
        assertThat(journal.entries()).isEmpty();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aFailedDropMovesToFailedUnlessItWasReplacedMeanwhile() throws Exception {
        Taken taken = take();
        archive(taken);
        drops.failed(dropped.toString(), "yaizu/222127_public_toilet.csv", taken.bytes, taken.modified,
                taken.fileKey());
        Path kept = workspace.failed().resolve("yaizu/222127_public_toilet.csv");
        assertThat(dropped).doesNotExist();
        assertThat(Files.readAllBytes(kept)).isEqualTo(Files.readAllBytes(TOILETS));

        Files.copy(TOILETS, dropped);
        Taken second = take();
        archive(second);
        byte[] next = "施設名,所在地\n新しいトイレ,焼津市本町\n".getBytes(StandardCharsets.UTF_8);
        dropAgain(next, second.modified + 2000);
        drops.failed(dropped.toString(), "yaizu/222127_public_toilet.csv", second.bytes, second.modified,
                second.fileKey());
        assertThat(Files.readAllBytes(dropped)).isEqualTo(next);
    }

    @Test
    void aFileOfTheSameNameFailingAgainNeverReplacesTheOneKeptInFailed() throws Exception {
        Taken first = take();
        archive(first);
        drops.failed(dropped.toString(), "yaizu/222127_public_toilet.csv", first.bytes, first.modified, first.fileKey());
        byte[] next = "施設名,所在地\n新しいトイレ,焼津市本町\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dropped, next);
        Taken second = take();
        archive(second);
        drops.failed(dropped.toString(), "yaizu/222127_public_toilet.csv", second.bytes, second.modified,
                second.fileKey());

        assertThat(dropped).doesNotExist();
        assertThat(Files.readAllBytes(workspace.failed().resolve("yaizu/222127_public_toilet.csv")))
                .as("the first, under its own name").isEqualTo(Files.readAllBytes(TOILETS));
        try (java.util.stream.Stream<Path> kept = Files.walk(workspace.failed().resolve("yaizu"))) {
            java.util.List<Path> later = kept.filter(p -> p.getNameCount() - workspace.failed().getNameCount() == 3).toList();
            assertThat(later).hasSize(1);
            assertThat(later.get(0).getFileName()).hasToString("222127_public_toilet.csv");
            assertThat(later.get(0).getParent().getFileName().toString()).as("a folder named by the time")
                    .matches("\\d{8}T\\d{6}\\.\\d{3}Z");
            assertThat(Files.readAllBytes(later.get(0))).isEqualTo(next);
        }
    }

    @Test
    void aDropThatCannotBeRemovedStaysAndIsNotTakenAgainWhileUnchanged() throws Exception {
        Taken taken = take();
        archive(taken);
        protect(true);
        try {
            finish(taken);
            drops.failed(dropped.toString(), "yaizu/222127_public_toilet.csv", taken.bytes, taken.modified,
                    taken.fileKey());
        } finally {
            protect(false);
        }
        assertThat(dropped).exists();
        assertThat(journal.entries()).as("the drop is done all the same").isEmpty();
        DropFilter filter = new DropFilter(drops, new DiskRoom(workspace.work(), 0, Clock.systemUTC()));
        assertThat(filter.accept(asPolled())).as("not taken again").isFalse();
        assertThat(meters.get("hiraku.drops.stuck").gauge().value()).as("operators see it on /observe/metrics").isEqualTo(1);
        // once the department replaces it, it is a new drop
        dropAgain("施設名\n新しいトイレ\n".getBytes(StandardCharsets.UTF_8), taken.modified + 2000);
        assertThat(filter.accept(asPolled())).isTrue();
    }

    /** The drop as the ingest route's file consumer lists it. */
    private org.apache.camel.component.file.GenericFile<File> asPolled() {
        return org.apache.camel.component.file.FileConsumer.asGenericFile(workspace.ingest().toString(), dropped.toFile(),
                null, false);
    }

    /**
     * Makes the drop impossible to delete or move, as a drop folder Hiraku may only read does: the folder
     * read-only for a normal user; for root, who may delete there anyway, the file immutable (chattr).
     */
    private void protect(boolean on) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            dropped.getParent().toFile().setWritable(!on);
            return;
        }
        Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", dropped.toString()).redirectErrorStream(true).start();
        String said = new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = chattr.waitFor();
        if (on) {
            // a container without CAP_LINUX_IMMUTABLE, or a file system without the flag, cannot make the case
            org.junit.jupiter.api.Assumptions.assumeTrue(exit == 0, "chattr +i is not possible here: " + said);
        } else {
            assertThat(exit).as("chattr: " + said).isZero();
        }
    }

    /** The file as Camel's consumer reports it when it takes it: size and modification time (ms). */
    private static final class Taken {
        final long bytes;
        final long modified;
        /** What the archive step left on the exchange for the later steps (the file key). */
        final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        Taken(long bytes, long modified) {
            this.bytes = bytes;
            this.modified = modified;
        }

        String fileKey() {
            return exchange.getMessage().getHeader(DroppedFile.FILE_KEY, String.class);
        }
    }

    private Taken take() throws IOException {
        return new Taken(Files.size(dropped), Files.getLastModifiedTime(dropped).toMillis());
    }

    private IngestJob archive(Taken taken) throws IOException {
        File file = dropped.toFile();
        return drops.archive(file, "yaizu/222127_public_toilet.csv", taken.bytes, taken.modified, taken.exchange);
    }

    private void finish(Taken taken) throws IOException {
        drops.finish(dropped.toString(), "yaizu/222127_public_toilet.csv", taken.bytes, taken.modified, taken.fileKey());
    }

    /** The department drops another file under the same name: written beside it, renamed over it. */
    private void dropAgain(byte[] content, long modifiedMillis) throws IOException {
        Path temp = dropped.resolveSibling(".next.part");
        Files.write(temp, content);
        Files.setLastModifiedTime(temp, FileTime.fromMillis(modifiedMillis));
        Files.move(temp, dropped, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private java.util.List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(workspace.work())) {
            return files.filter(io.hiraku.publish.DurableFiles::isTemporary).toList();
        }
    }
}
