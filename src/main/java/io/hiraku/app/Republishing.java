package io.hiraku.app;

import io.hiraku.catalog.PublishedDataset;
import io.hiraku.catalog.PublishedDatasets;
import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Publisher;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.util.Optional;

/**
 * After the open-data team changed a dataset's definition: the file its latest release was made from is put
 * back into its department's drop folder, where the pipeline (the running one, or the next
 * {@code publish --once}) takes it like any drop and publishes it under the definition as it is now; the
 * department gets the receipt. Only where the definition changed since that release
 * ({@link Releases#definitionChanged}): the same file under the same definition publishes nothing new.
 */
final class Republishing {
    /** What was done for one dataset: the file put into its drop folder (null if none), and why. */
    record Result(String dataset, Path queued, boolean needed, String message) {
        static Result notNeeded(String dataset, String message) {
            return new Result(dataset, null, false, message);
        }

        static Result notPossible(String dataset, String message) {
            return new Result(dataset, null, true, message);
        }
    }

    private final ObjectStore store;
    private final Workspace workspace;

    Republishing(ObjectStore store, Workspace workspace) {
        this.store = store;
        this.workspace = workspace;
    }

    Result republish(Definitions definitions, DatasetDefinition dataset) throws IOException {
        Optional<PublishedDataset> found = new PublishedDatasets(store).find(dataset);
        if (found.isEmpty()) {
            return Result.notNeeded(dataset.id(), "not published: there is nothing to publish again");
        }
        PublishedDataset latest = found.get();
        if (latest.definitionSha256() == null) {
            return Result.notNeeded(dataset.id(), "its latest release " + latest.release() + " was published before "
                    + "releases recorded their definition, so the same file would publish nothing new: drop a file");
        }
        if (!Releases.definitionChanged(latest, dataset)) {
            return Result.notNeeded(dataset.id(), "its definition is the one its latest release " + latest.release()
                    + " was made with: the same file would publish nothing new");
        }
        Path folder = workspace.ingest().resolve(dataset.department());
        String name = dropName(definitions, dataset, latest.originalName());
        Path drop = folder.resolve(name);
        if (Files.exists(drop, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Result.notPossible(dataset.id(), "a file named " + name + " already waits in " + folder
                    + ": it is published under the current definition");
        }
        // copied under a hidden name (never a drop), then linked under its name, which fails rather than replace a
        // file a department dropped meanwhile: the pipeline never takes a part of it, and nothing dropped is lost
        Path part = DurableFiles.temporaryFor(drop);
        try {
            Path archived = workspace.archived(dataset.department(), latest.originalSha256()).resolve(latest.originalName());
            if (Files.isRegularFile(archived)) {
                DurableFiles.copy(archived, part);
            } else if (!store.download(Publisher.releaseKey(dataset.id(), latest.release()) + "original/"
                    + latest.originalName(), part)) {
                return Result.notPossible(dataset.id(), "the file its latest release " + latest.release() + " was made "
                        + "from (" + latest.originalName() + ") is neither in " + workspace.archive() + " nor in the store");
            }
            try {
                Files.createLink(drop, part);
            } catch (UnsupportedOperationException e) {
                Files.move(part, drop); // a share without hard links: a move that does not replace
            }
        } catch (FileAlreadyExistsException e) {
            return Result.notPossible(dataset.id(), "a file named " + name + " was dropped into " + folder
                    + " meanwhile: it is published under the current definition");
        } finally {
            Files.deleteIfExists(part);
        }
        DurableFiles.forceFolder(folder);
        return new Result(dataset.id(), drop, true, "its latest release " + latest.release() + " was made from "
                + latest.originalName() + " under an earlier definition: put back into " + folder
                + " to be published under the current one");
    }

    /** The original's name when the definition still takes it; else one named like the dataset, which it does. */
    private static String dropName(Definitions definitions, DatasetDefinition dataset, String original) {
        if (definitions.forDrops(dataset.department(), original).contains(dataset)) {
            return original;
        }
        int dot = original.lastIndexOf('.');
        return dataset.id() + (dot > 0 ? original.substring(dot).toLowerCase(java.util.Locale.ROOT) : "");
    }
}
