package io.hiraku.app;

import io.hiraku.publish.ObjectStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops uploaded to the ingest object store ({@code hiraku.ingest-store}: {@code s3://<bucket>/<prefix>},
 * {@code <department>/<file>} under it, as in a drop folder). Each new object is copied to
 * {@code landing/<department>/} and from there goes the way of a file in a drop folder: archived first,
 * released, receipted (under {@code <department>/_receipts/} in the store). The object is deleted only once
 * the drop is done; a run stopped before that takes it up again at the next poll.
 */
public final class StoreDrops {
    /** The header naming the object a drop came from. */
    public static final String KEY = "HirakuIngestStoreKey";
    /** The header with the version of the object that was taken (its ETag on S3). */
    public static final String VERSION = "HirakuIngestStoreVersion";
    private static final Logger LOG = LoggerFactory.getLogger(StoreDrops.class);
    private final ObjectStore store;
    private final Workspace workspace;
    private final DropJournal journal;

    private final java.time.Duration settle;
    private final java.time.Clock clock;
    /** Objects taken and not yet done: a poll while they are worked on must not take them again. */
    private final java.util.Set<String> inHand = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final DiskRoom room;
    /** Who tells a department about a folder under its prefix; null: nobody (a store read only to count). */
    private final Receipts receipts;
    /** The folders told about since the start (each is told once; the notice in the store says so across starts). */
    private final java.util.Set<String> noticed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param settle how long an object must be there before it is taken (hiraku.ingest.settle-ms)
     * @param room   whether the work folder's disk has room to land a drop (one without stays in the store)
     */
    public StoreDrops(ObjectStore store, Workspace workspace, DropJournal journal, java.time.Duration settle,
                      java.time.Clock clock, DiskRoom room, Receipts receipts) {
        this.receipts = receipts;
        this.room = room;
        this.store = store;
        this.workspace = workspace;
        this.journal = journal;
        this.settle = settle;
        this.clock = clock;
    }

    /**
     * The drops in the store now, oldest first: {@code <department>/<file>}, no receipts or temporary names,
     * and none written in the last moments (an S3 object is whole once listed, but a gateway or an
     * S3-compatible store may show a name while still writing it).
     */
    public List<String> list() throws IOException {
        List<ObjectStore.Listed> listed = store.listByAge("");
        noticeFolders(listed);
        return dropsIn(listed, clock.instant().minus(settle)).stream().filter(key -> !inHand.contains(key))
                .filter(key -> room.admits(key, 0)).toList();
    }

    /**
     * Objects under a folder of a department's prefix ({@code <department>/<folder>/<file>}) are never drops; the
     * department is told once, as in a drop folder (not for {@code _receipts/} and other hidden folders).
     */
    private void noticeFolders(List<ObjectStore.Listed> listed) {
        if (receipts == null) {
            return;
        }
        for (ObjectStore.Listed object : listed) {
            Path key = Path.of(object.key());
            if (key.getNameCount() < 3 || DropFilter.isHidden(key.getName(0).toString())
                    || DropFilter.isHidden(key.getName(1).toString())) {
                continue;
            }
            String department = key.getName(0).toString();
            String folder = key.getName(1).toString();
            if (noticed.add(department + "/" + folder)) {
                try {
                    receipts.folderIgnoredInStore(department, folder);
                } catch (IOException | RuntimeException e) {
                    noticed.remove(department + "/" + folder);
                    LOG.warn("The notice about the folder {}/{} in {} could not be written: {}", department, folder,
                            store.describe(), e.toString());
                }
            }
        }
    }

    /** The drops in an ingest store written before {@code settled}, definitions first, then oldest first (what {@code publish --once} counts). */
    static List<String> dropsIn(ObjectStore store, java.time.Instant settled) throws IOException {
        return dropsIn(store.listByAge(""), settled);
    }

    private static List<String> dropsIn(List<ObjectStore.Listed> listed, java.time.Instant settled) {
        return listed.stream()
                .filter(o -> !o.modified().isAfter(settled))
                .map(ObjectStore.Listed::key)
                .filter(key -> DropFilter.isDrop(Path.of(key)))
                // dataset definitions first, as in the drop folders (DropOrder); the sort keeps the age order
                .sorted(java.util.Comparator.comparing(key -> !DefinitionDrops.isDefinition(key)))
                .toList();
    }

    /**
     * Copies the object to the landing folder and gives the ingest stage what a drop folder would: the file,
     * and its path relative to the drop folders ({@code CamelFileRelativePath}). @return null if the object
     * is gone since it was listed (taken away, or by another reader): nothing to do
     */
    public File land(String key, Exchange exchange) throws IOException {
        if (!inHand.add(key)) {
            return null;
        }
        Path landed = landing(key);
        // the version before the content: if the object is written again in between, the newer content is
        // taken under the older version, and the object is left in the store to be taken again, never lost
        java.util.Optional<String> version = store.describe(key).map(ObjectStore.StoredObject::version);
        if (version.isEmpty() || !store.download(key, landed)) {
            LOG.info("{} is no longer in {}; nothing to take", key, store.describe());
            inHand.remove(key);
            return null;
        }
        exchange.getMessage().setHeader(KEY, key);
        exchange.getMessage().setHeader(VERSION, version.get());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, key);
        exchange.getMessage().setHeader("CamelFileRelativePath", key);
        LOG.info("Took {} from {}", key, store.describe());
        return landed.toFile();
    }

    /** Receipts of this drop go back to the store. */
    public IngestJob fromStore(IngestJob job) {
        job.origin(IngestJob.Origin.STORE);
        return job;
    }

    /**
     * The drop is done (every receipt written): the object is deleted if it is still the one taken (one
     * uploaded again meanwhile is a new drop), then the landing copy and the journal entry.
     */
    public void finish(@Header(KEY) String key, @Header(VERSION) String version) throws IOException {
        Path relative = Path.of(key);
        String department = relative.getName(0).toString();
        String name = relative.getFileName().toString();
        journal.done(department, name);
        deleteIfStill(key, version);
        Files.deleteIfExists(landing(key));
        journal.close(department, name);
        inHand.remove(key);
        org.slf4j.MDC.clear();
    }

    /**
     * A drop that failed after its retries (its "failed" receipt is written): the file goes to {@code failed/}
     * and the object is deleted (if it is still the one taken), so that it is not taken again and again. A
     * drop that failed before it was copied here stays in the store, the only copy, and is not taken again
     * until a restart.
     */
    public void failed(@Header(KEY) String key, @Header(VERSION) String version) throws IOException {
        if (key == null) {
            return;
        }
        Path landed = landing(key);
        if (version == null || !Files.exists(landed)) {
            LOG.warn("{} failed before it was copied from {}; it is left there and taken again after a restart",
                    key, store.describe());
            return;
        }
        Path failed = FailedDrops.keep(landed, workspace.failed(), Path.of(key).getName(0).toString());
        deleteIfStill(key, version);
        inHand.remove(key);
        LOG.warn("{} failed; kept as {} (upload it again once the cause is fixed)", key, failed);
    }

    /** Deletes the object if it is still the version taken; a newer one is left to be taken as a new drop. */
    private void deleteIfStill(String key, String version) throws IOException {
        if (store.describe(key).map(ObjectStore.StoredObject::version).filter(version::equals).isPresent()) {
            store.delete(key);
        } else {
            LOG.info("{} was uploaded again while it was processed; the new object is taken as a new drop", key);
        }
    }

    private Path landing(String key) {
        return workspace.landing().resolve(key);
    }
}
