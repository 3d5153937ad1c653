package io.hiraku.app;

import io.hiraku.validate.Receipt;
import io.hiraku.catalog.ReceiptListing;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.ObjectInfo;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where receipts (and, for refusals, the refused files) are kept: a folder, or a prefix in an object store. A
 * department's receipts go where it dropped (its {@code _receipts/} folder, or its prefix in the ingest store);
 * refused files and their receipts go to {@code rejected/<department>/} in the work folder, or in distributed
 * mode in the shared archive, where every worker's refusals are in one place.
 *
 * @param folder the folder, when not a store
 * @param store  the object store, when not a folder
 * @param prefix the keys' prefix in the store (ending in "/")
 * @param scratch where a receipt is rendered before it is put in the store
 * @param listed  whether the place lists its receipts ({@code index.html}): a department's places do
 * @param shared  whether other processes may write its list too: then each change of the list is checked against
 *                the receipts there (see {@link #updateListing}). A folder always may be (distributed mode's
 *                nodes share the drop folders; a checked change costs a look at the folder); a store prefix is in
 *                distributed mode, and for what a timer or a command writes (reminders, withdrawals)
 */
record ReceiptPlace(Path folder, ObjectStore store, String prefix, Path scratch, boolean listed, boolean shared) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReceiptPlace.class);
    private static final java.util.concurrent.ConcurrentMap<String, Object> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Receipts written in the last ten minutes that a shared place's list lacks are added to it. */
    static final java.time.Duration RECENT = java.time.Duration.ofMinutes(10);
    /** How many times a shared place's list is written and read back before it is left to the next receipt. */
    private static final int ROUNDS = 4;

    static ReceiptPlace folder(Path folder) {
        return new ReceiptPlace(folder, null, null, null, true, true);
    }

    /**
     * A prefix in a store; receipts are rendered in the work folder's staging area before they are put.
     *
     * @param shared whether other processes write receipts there too (distributed mode; reminders, withdrawals)
     */
    static ReceiptPlace store(ObjectStore store, String prefix, Workspace workspace, boolean shared) {
        return new ReceiptPlace(null, store, prefix, workspace.staging().resolve("_receipts"), true, shared);
    }

    /**
     * Where a department looks for what is not the receipt of one drop (a withdrawal, a freshness reminder):
     * its {@code _receipts/} folder, and its prefix in the ingest store when one is configured (departments
     * that upload there do not see the folder).
     */
    static java.util.List<ReceiptPlace> department(Workspace workspace, ObjectStore ingestStore, String department,
                                                   boolean shared) {
        ReceiptPlace folder = folder(workspace.receipts(department));
        return ingestStore == null ? java.util.List.of(folder)
                : java.util.List.of(folder, store(ingestStore, Receipts.storeReceipts(department), workspace, shared));
    }

    /**
     * Where the files a department's drops had refused, and their receipts, are kept (unlisted: the open-data team
     * has {@code hiraku status}, and in distributed mode every worker writes there).
     */
    static ReceiptPlace refused(Workspace workspace, ObjectStore sharedArchive, String department) {
        ReceiptPlace place = sharedArchive == null ? folder(workspace.rejected().resolve(department))
                : store(sharedArchive, "rejected/" + department + "/", workspace, true);
        return new ReceiptPlace(place.folder(), place.store(), place.prefix(), place.scratch(), false, false);
    }

    /**
     * Writes a receipt ({@code <name>.json} and {@code .html}) and lists it first in the place's list
     * ({@link ReceiptListing}); @return where the JSON is, for the log
     */
    String write(ReceiptWriter writer, Receipt receipt, String name) throws IOException {
        String written;
        if (store == null) {
            written = writer.write(receipt, folder, name).toString();
        } else {
            Path json = writer.write(receipt, Files.createDirectories(scratch), name);
            try {
                store.put(prefix + name + ".html", json.resolveSibling(name + ".html"), ObjectInfo.changing("text/html; charset=utf-8"));
                store.put(prefix + name + ".json", json, ObjectInfo.changing("application/json"));
                written = store.location(prefix + name + ".json");
            } finally {
                writer.delete(scratch, name);
            }
        }
        updateListing(writer, name, listing -> listing.with(receipt, name));
        return written;
    }

    /**
     * Changes the place's list, if it keeps one; a list that cannot be read or written is logged and left: it is for
     * reading, and the receipt, which counts, is written. Processes do not lock a list between them (an object store
     * cannot be locked), so in a shared place another may write the list over with what it read before this one's
     * change: there the list is made to agree with the receipts in the place as well, written, and read back until it
     * agrees (a receipt a list misses is added by the next change made there in the following {@link #RECENT}).
     */
    private void updateListing(ReceiptWriter writer, String name, java.util.function.UnaryOperator<ReceiptListing> change) {
        if (!listed) {
            return;
        }
        synchronized (lock()) {
            try {
                for (int round = 0; round < (shared ? ROUNDS : 1); round++) {
                    ReceiptListing before = listing();
                    ReceiptListing after = change.apply(before);
                    if (shared) {
                        after = after.reconciled(present(), java.time.Instant.now().minus(RECENT), this::entry);
                    }
                    if (after.equals(before)) {
                        return;
                    }
                    writeListing(writer, after);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("The list of receipts in {} could not be updated for {}: {}", describe(), name, e.getMessage());
            }
        }
    }

    /** The receipts in the place now (their names) and when each was written. */
    private java.util.Map<String, java.time.Instant> present() throws IOException {
        java.util.Map<String, java.time.Instant> present = new java.util.HashMap<>();
        if (store == null) {
            Workspace.eachFileUnder(folder, 1, (file, attrs) -> {
                String name = file.getFileName().toString();
                if (name.endsWith(".json")) {
                    present.put(name.substring(0, name.length() - 5), attrs.lastModifiedTime().toInstant());
                }
            });
        } else {
            for (ObjectStore.Listed object : store.listByAge(prefix)) {
                String name = object.key().substring(prefix.length());
                if (name.endsWith(".json") && name.indexOf('/') < 0) {
                    present.put(name.substring(0, name.length() - 5), object.modified());
                }
            }
        }
        return present;
    }

    /** The list's entry of a receipt in the place, or null if it is gone or cannot be read. */
    private ReceiptListing.Entry entry(String name) {
        try {
            if (store == null) {
                return ReceiptListing.Entry.read(Files.newInputStream(folder.resolve(name + ".json")), name);
            }
            return store.open(prefix + name + ".json").map(in -> ReceiptListing.Entry.read(in, name)).orElse(null);
        } catch (IOException e) {
            return null;   // gone since it was listed
        }
    }

    /** The place's list of receipts as it is now (empty when there is none yet). */
    ReceiptListing listing() throws IOException {
        if (store == null) {
            Path page = folder.resolve(ReceiptListing.HTML);
            return Files.isRegularFile(page) ? ReceiptListing.read(Files.newInputStream(page)) : ReceiptListing.empty();
        }
        return store.open(prefix + ReceiptListing.HTML).map(ReceiptListing::read).orElse(ReceiptListing.empty());
    }

    private void writeListing(ReceiptWriter writer, ReceiptListing listing) throws IOException {
        byte[] html = writer.html(listing, store == null).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (store == null) {
            DurableFiles.write(folder.resolve(ReceiptListing.HTML), html);
            return;
        }
        Path page = Files.createDirectories(scratch).resolve(ReceiptListing.HTML + "." + Thread.currentThread().getId());
        try {
            Files.write(page, html);
            store.put(prefix + ReceiptListing.HTML, page, ObjectInfo.changing("text/html; charset=utf-8"));
        } finally {
            Files.deleteIfExists(page);
        }
    }

    /** The folder, or the store and prefix, for a log line. */
    String describe() {
        return store == null ? folder.toString() : store.location(prefix);
    }

    /** One list updated at a time per place in this process (drops, reminders and notices may meet there). */
    private Object lock() {
        return LOCKS.computeIfAbsent(store == null ? folder.toAbsolutePath().normalize().toString() : describe(),
                k -> new Object());
    }

    /** Whether a receipt of that name is there. */
    boolean exists(String name) throws IOException {
        return store == null ? Files.exists(folder.resolve(name + ".json")) : store.exists(prefix + name + ".json");
    }

    /** Makes the list agree with the receipts there (after receipts were removed by age). */
    void refreshListing(ReceiptWriter writer) {
        updateListing(writer, "the receipts kept", listing -> listing);
    }

    /** Removes a receipt (both its files, and its line in the list) if it is there. */
    void delete(ReceiptWriter writer, String name) throws IOException {
        if (store == null) {
            writer.delete(folder, name);
        } else {
            store.delete(prefix + name + ".json");
            store.delete(prefix + name + ".html");
        }
        updateListing(writer, name, listing -> listing.without(name));
    }

    /**
     * Keeps a copy of a file under {@code name}, or under {@code otherName} if a different file (by sha256) is
     * kept under {@code name} already. @return where it is, for the log
     */
    String keep(Path file, String sha256, String name, String otherName) throws IOException {
        if (store == null) {
            Path target = Files.createDirectories(folder).resolve(name);
            if (Files.exists(target) && !Sha256.of(target).equals(sha256)) {
                target = folder.resolve(otherName);
            }
            DurableFiles.copy(file, target);
            return target.toString();
        }
        String key = prefix + name;
        if (store.describe(key).map(ObjectStore.StoredObject::sha256).filter(s -> !s.equals(sha256)).isPresent()) {
            key = prefix + otherName;
        }
        store.put(key, file, ObjectInfo.immutable("application/octet-stream").withSha256(sha256));
        return store.location(key);
    }
}
