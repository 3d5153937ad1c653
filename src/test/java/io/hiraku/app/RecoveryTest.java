package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.publish.LocalObjectStore;
import io.hiraku.publish.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up recovery tells an interrupted run from a finished one: the scratch folders every run leaves in
 * {@code staging/} (the catalog's, the receipts', the retention's) are emptied without a word, while a staged
 * release is what an interruption left, and the log says so.
 */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void onlyWhatAnInterruptionLeftCountsAsRecovered() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        Files.writeString(Files.createDirectories(dir.resolve("store")).resolve("catalog.ttl"), "");
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Recovery recovery = new Recovery(workspace, new DropJournal(workspace.journal()), store,
                new Retention(store, workspace.staging().resolve("_retention")));
        io.hiraku.schema.Definitions definitions = new CatalogSource(io.hiraku.Fixtures.monthlyVisitsCatalog(
                dir.resolve("catalog")), null).load();
        for (String scratch : new String[] {"_catalog", "_receipts", "_retention"}) {
            Files.writeString(Files.createDirectories(workspace.staging().resolve(scratch)).resolve("left.html"), "x");
        }
        // a dataset's folder, its release published (and its staging folder deleted)
        Files.createDirectories(workspace.staging().resolve("visits"));
        assertThat(recovery.recover(definitions, true)).isFalse();
        assertThat(workspace.staging()).isEmptyDirectory();

        Files.writeString(Files.createDirectories(workspace.staging().resolve("visits/20261128T000000.000Z"))
                .resolve("visits.csv"), "id\n1\n");
        assertThat(recovery.recover(definitions, true)).isTrue();
        assertThat(workspace.staging()).isEmptyDirectory();

        // a run killed while it wrote work/catalog-rebuilt leaves its temporary beside it: removed, the record kept
        Path record = Files.writeString(workspace.work().resolve(CatalogRebuilt.FILE), "inputs\n");
        Path half = Files.writeString(io.hiraku.publish.DurableFiles.temporaryFor(record), "inp");
        recovery.recover(definitions, true);
        assertThat(half).doesNotExist();
        assertThat(record).hasContent("inputs");
    }
}
