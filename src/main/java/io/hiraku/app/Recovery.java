package io.hiraku.app;

import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.ReleaseWriter;
import io.hiraku.publish.Retention;
import io.hiraku.publish.StoreUnavailableException;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidies up after a run that was killed, before the routes start: nothing is in flight yet, so every
 * staging folder and temporary file is a leftover. Drops themselves need no help: a file still in its
 * drop folder is picked up again and taken up where its journal says it stopped. What is removed here
 * is only what no reader may see: half-written temporary files, staged releases (rebuilt from the
 * archived original if needed), release folders in the store that no history names, and journal entries
 * whose file is gone.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private final Workspace workspace;
    private final DropJournal journal;
    private final ObjectStore store;
    private final Retention retention;

    Recovery(Workspace workspace, DropJournal journal, ObjectStore store, Retention retention) {
        this.workspace = workspace;
        this.journal = journal;
        this.store = store;
        this.retention = retention;
    }

    /**
     * @param ownStore whether this process is the store's only writer (local mode); a store, and drop folders,
     *                 shared with other nodes are left alone, since what looks unfinished may be being
     *                 written now (a worker's receipt, another worker's release)
     * @return whether an interrupted run had left anything (then the log says what)
     */
    boolean recover(Definitions definitions, boolean ownStore) throws IOException {
        int staged = emptyStaging();
        int temporary = removeTemporaryFiles(ownStore);
        int forgotten = forgetFinishedDrops();
        int stored = 0;
        int orphans = 0;
        if (ownStore) {
            try {
                stored = store.removeLeftovers();
                for (DatasetDefinition dataset : definitions.datasets()) {
                    orphans += retention.sweep(dataset.id()).size();
                }
            } catch (StoreUnavailableException e) {
                // nothing unfinished is linked from the catalog; each dataset is swept again after its next publication
                LOG.warn("The object store cannot be reached at start ({}); what an interrupted publication left "
                        + "there is removed later", e.getMessage());
            }
        }
        int open = journal.entries().size();
        boolean interrupted = staged + temporary + stored + forgotten + orphans + open > 0;
        if (interrupted) {
            LOG.info("Recovered from an interrupted run: {} staged release(s) and {} temporary file(s) removed, "
                            + "{} left in the store, {} unfinished release folder(s) deleted, {} finished drop(s) "
                            + "forgotten; {} drop(s) will be taken up again", staged, temporary, stored, orphans,
                    forgotten, open);
        }
        return interrupted;
    }

    private int emptyStaging() throws IOException {
        Path staging = workspace.staging();
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> children = Files.list(staging)) {
            for (Path child : children.toList()) {
                // staging/<dataset>/<release>/: a release folder is what an interruption left; a dataset's folder
                // left empty, and the scratch folders (_catalog, _receipts, _retention), are there after any run
                if (!child.getFileName().toString().startsWith("_") && Files.isDirectory(child)) {
                    try (Stream<Path> releases = Files.list(child)) {
                        removed += (int) releases.count();
                    }
                }
                ReleaseWriter.deleteStaging(child);
            }
        }
        return removed;
    }

    /**
     * Temporary files in the work folder's own places: the folder itself (the catalog-rebuilt record), receipts,
     * archive, rejected, journal, outbox. The drop folders themselves are the departments' (a copy tool may be
     * writing a temporary file there now).
     */
    private int removeTemporaryFiles(boolean ownDropFolders) throws IOException {
        int removed = 0;
        if (Files.isDirectory(workspace.work())) {
            for (Path p : Workspace.filesUnder(workspace.work(), 1).stream().filter(DurableFiles::isTemporary).toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        }
        List<Path> roots = ownDropFolders
                ? List.of(workspace.archive(), workspace.rejected(), workspace.journal(), workspace.outbox(), workspace.ingest())
                : List.of(workspace.archive(), workspace.rejected(), workspace.journal(), workspace.outbox());
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            // a department may take a file away while this looks: a file gone is skipped, not an error
            List<Path> temporary = Workspace.filesUnder(root, 3).stream().filter(DurableFiles::isTemporary).toList();
            for (Path p : temporary) {
                boolean drop = root.equals(workspace.ingest()) && root.relativize(p).getNameCount() < 3;
                if (!drop) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Journal entries whose file is no longer in its drop folder: done, moved to failed/, or taken away. */
    private int forgetFinishedDrops() throws IOException {
        int forgotten = 0;
        for (DropJournal.Entry entry : journal.entries()) {
            Path dropped = workspace.ingest().resolve(entry.department()).resolve(entry.fileName());
            // a drop from the ingest object store stays in landing/ until it is done
            Path landed = workspace.landing().resolve(entry.department()).resolve(entry.fileName());
            if (!Files.exists(dropped) && !Files.exists(landed)) {
                if (entry.state() != DropJournal.State.DONE) {
                    LOG.info("{}/{} is no longer in its drop folder (it stopped at {}); forgetting it",
                            entry.department(), FileNames.printable(entry.fileName()), entry.state());
                }
                journal.close(entry.department(), entry.fileName());
                forgotten++;
            }
        }
        return forgotten;
    }
}
