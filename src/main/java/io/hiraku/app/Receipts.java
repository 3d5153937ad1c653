package io.hiraku.app;

import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.PublishedFile;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.validate.Receipt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt stage's work: tell the department what happened to its file, in
 * {@code ingest/<department>/_receipts/<file>.<time>.json|.html}, and beside a rejected file too.
 */
public final class Receipts {
    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The suffix of the "waiting for the store" receipt, removed when the final receipt is written. */
    /** What a pending receipt's name ends with (before .json/.html): replaced by the final receipt. */
    static final String PENDING = ".pending";

    private final ReceiptWriter writer;
    private final Workspace workspace;
    private final CatalogSource catalog;
    private final Outcomes outcomes;
    private final DropJournal journal;
    private final PipelineMetrics metrics;
    private volatile String lastStoreError = "";
    private volatile boolean lastStoreFull;
    private final java.util.Set<String> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ObjectStore ingestStore;
    private final ObjectStore sharedArchive;
    private ReceiptMail mail = ReceiptMail.NONE;

    public Receipts(ReceiptWriter writer, Workspace workspace, CatalogSource catalog, Outcomes outcomes,
                    DropJournal journal, PipelineMetrics metrics) {
        this(writer, workspace, catalog, outcomes, journal, metrics, null, null);
    }

    /**
     * @param ingestStore   the ingest object store (hiraku.ingest-store), where its drops' receipts go; may be null
     * @param sharedArchive distributed mode's shared archive, where refusals are kept; null in local mode
     */
    public Receipts(ReceiptWriter writer, Workspace workspace, CatalogSource catalog, Outcomes outcomes,
                    DropJournal journal, PipelineMetrics metrics, ObjectStore ingestStore, ObjectStore sharedArchive) {
        this.ingestStore = ingestStore;
        this.sharedArchive = sharedArchive;
        this.journal = journal;
        this.metrics = metrics;
        this.writer = writer;
        this.workspace = workspace;
        this.catalog = catalog;
        this.outcomes = outcomes;
    }

    static String stamp(Instant time) {
        return STAMP.format(time);
    }

    public IngestJob write(IngestJob job) throws IOException {
        Receipt receipt = receipt(job);
        String name = receiptName(job);
        waiting.remove(job.dropKey());
        String written = put(job, receipt, name);
        if (job.getOutcome() == IngestJob.Outcome.REJECTED) {
            ReceiptPlace.refused(workspace, sharedArchive, job.getDepartment()).write(writer, receipt, name);
        }
        remove(job, name + PENDING);
        journal.step(job, DropJournal.State.RECEIPTED, null);
        metrics.ended(job);
        outcomes.record(job.dropKey(), job.getOutcome());
        LOG.info("{}: {} — receipt {}", job, job.getOutcome(), written);
        return job;
    }

    /**
     * {@code <file>.<time>}, or {@code <file>.<dataset>.<time>} when the file feeds several datasets
     * (each dataset gets its own receipt).
     */
    private static String receiptName(IngestJob job) {
        boolean several = job.getDataset() != null && job.getDefinitions() != null
                && job.getDefinitions().forDrops(job.getDepartment(), job.getFileName()).size() > 1;
        return FileNames.shortened(job.getFileName(), FileNames.DERIVED_MAX_BYTES)
                + (several ? "." + job.getDataset().id() : "") + "." + stamp(job.getReceivedAt());
    }

    /**
     * Called before each new attempt while the object store is down: the department is told once that
     * its file waits and will be published by itself.
     */
    public void storeUnavailable(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        IngestJob job = body instanceof IngestJob j ? j
                : body instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof IngestJob j ? j
                : null;
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        io.hiraku.publish.StoreUnavailableException store = io.hiraku.publish.StoreUnavailableException.in(cause);
        lastStoreError = cause == null ? "" : String.valueOf(cause.getMessage());
        lastStoreFull = store != null && store.isFull();
        boolean first = job != null && waiting.add(job.dropKey());
        metrics.storeError();
        if (!first) {
            return;
        }
        if (lastStoreFull) {
            LOG.warn("{}: the object store is full, waiting to publish until space is freed: {}", job, cause.getMessage());
            writePending(job, "公開先の保存場所の容量が足りないため、公開を待っています。ファイルは保管済みで、"
                            + "オープンデータ担当が空きを作ると自動で公開します",
                    "waiting to publish: the object store is full. The file is kept and will be published as soon "
                            + "as the open-data team frees space there");
        } else {
            LOG.warn("{}: the object store is unavailable, waiting to publish: {}", job,
                    cause == null ? "" : cause.getMessage());
            writePending(job, "公開先の保存場所に接続できないため、公開を待っています。ファイルは保管済みで、接続が戻ると自動で公開します",
                    "waiting to publish: the object store cannot be reached. The file is kept and will be published "
                            + "as soon as the store is back");
        }
        journal.step(job, DropJournal.State.PENDING, null);
    }

    /**
     * Distributed mode: the file is archived and its work is queued for a worker, which writes the final
     * receipt (and removes this one) once the release is built.
     */
    public IngestJob queued(IngestJob job) throws IOException {
        writePending(job, "受け付けました。ファイルは保管済みで、公開の処理を待っています。結果はこのフォルダに届きます",
                "received: the file is kept and waits to be published; the result will appear in this folder");
        LOG.info("{}: queued for a worker", job);
        return job;
    }

    /** A "pending" receipt, replaced by the final one when it is written. */
    private void writePending(IngestJob job, String ja, String en) throws IOException {
        Receipt receipt = receipt(job);
        put(job, new Receipt("pending", receipt.department(), receipt.departmentName(), receipt.fileName(),
                receipt.receivedAt(), receipt.receivedAtLocal(), receipt.bytes(), receipt.sha256(), receipt.datasetId(), receipt.datasetTitle(),
                null, null, null, ja, en, receipt.report(), null, null, null), receiptName(job) + PENDING);
    }

    /**
     * Writes a receipt (.json and .html) where the department looks: {@code <department>/_receipts/} of its
     * drop folder, or of the ingest object store for a file uploaded there. @return where it went
     */
    private String put(IngestJob job, Receipt receipt, String name) throws IOException {
        String written = place(job).write(writer, receipt, name);
        if (mail.mails(receipt)) {
            mail.send(receipt, (job.getDefinitions() != null ? job.getDefinitions() : catalog.load()).catalog(), name);
        }
        return written;
    }

    /** Mails the receipts a department has to act on (none unless hiraku.mail.smtp is set). */
    public void mailWith(ReceiptMail mail) {
        this.mail = mail;
    }

    private void remove(IngestJob job, String name) throws IOException {
        place(job).delete(writer, name);
    }

    /** Where the department finds the receipts of this drop: beside it, in its folder or in the ingest store. */
    private ReceiptPlace place(IngestJob job) {
        return job.getOrigin() == IngestJob.Origin.STORE
                ? ReceiptPlace.store(ingestStore, storeReceipts(job.getDepartment()), workspace, sharedArchive != null)
                : ReceiptPlace.folder(workspace.receipts(job.getDepartment()));
    }

    /**
     * Tells a department, once, that the files in a folder it put in its drop folder are not read (only
     * files directly in {@code ingest/<department>/} are drops): {@code _receipts/<folder>.folder.json|.html}.
     * @return whether the notice was written now (false: it was already there)
     */
    public boolean folderIgnored(String department, String folder) throws IOException {
        return folderIgnored(department, folder, false);
    }

    /**
     * The same for a folder in the ingest object store ({@code <department>/<folder>/…} under its prefix),
     * told under the department's prefix there, where it uploads.
     */
    public boolean folderIgnoredInStore(String department, String folder) throws IOException {
        return folderIgnored(department, folder, true);
    }

    private boolean folderIgnored(String department, String folder, boolean inStore) throws IOException {
        String name = FileNames.shortened(folder, FileNames.DERIVED_MAX_BYTES) + ".folder";
        ReceiptPlace place = inStore ? ReceiptPlace.store(ingestStore, storeReceipts(department), workspace, sharedArchive != null)
                : ReceiptPlace.folder(workspace.receipts(department));
        if (place.exists(name)) {
            return false;
        }
        CatalogDefinition cat = catalog.load().catalog();
        Instant now = Instant.now();
        String printable = FileNames.printable(folder);
        String where = (inStore ? "" : "ingest/") + department + "/";
        String written = place.write(writer, new Receipt("ignored", department, departmentName(cat, department),
                printable + "/", now.toString(), cat.localTime(now), 0, null, null, null,
                null, null, null,
                "フォルダ「" + printable + "」の中のファイルは読みません。公開するファイルは、フォルダに入れずに " + where
                        + " に直接置いてください（このフォルダはそのまま残します）",
                "the files inside the folder '" + printable + "' are not read: put each file to publish directly in "
                        + where + ", not in a folder (this folder is left as it is)",
                null, null, null, null), name);
        LOG.warn("{}/{} is a folder: its files are not read; the department is told so in {}", department, printable,
                written);
        return true;
    }

    /** The receipts' prefix of a department in the ingest object store. */
    static String storeReceipts(String department) {
        return department + "/" + Workspace.RECEIPTS + "/";
    }

    /** How many drops wait for the object store now (the health check's degraded state). */
    public int waitingForStore() {
        return waiting.size();
    }

    public String lastStoreError() {
        return lastStoreError;
    }

    /** Whether the store's last failure was a lack of room (rather than of connection). */
    public boolean lastStoreFull() {
        return lastStoreFull;
    }

    /** Called when a stage failed after its retries: the file goes to failed/ and the department is told. */
    public void failed(Exchange exchange) throws IOException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        Object body = exchange.getMessage().getBody();
        IngestJob job = body instanceof IngestJob j ? j
                : body instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof IngestJob j ? j
                : null;
        if (job == null) {
            String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
            Path path = Path.of(relative == null ? "unknown" : relative);
            job = new IngestJob(path.getNameCount() > 1 ? path.getName(0).toString() : "", path.getFileName().toString(),
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            if (exchange.getMessage().getHeader(StoreDrops.KEY) != null) {
                job.origin(IngestJob.Origin.STORE);
            }
        }
        job.end(IngestJob.Outcome.FAILED,
                "システムの問題で処理できませんでした（ファイルは保管しています。オープンデータ担当が対応します）: " + reason,
                "could not be processed because of a system problem (the file is kept; the open-data team will "
                        + "handle it): " + reason);
        LOG.error("Failed {}: {}", job, reason, cause);
        if (job.getRelease() != null) {
            // a release built but not published: the staged files go (a long run would pile them up until its
            // restart); the original is in the archive and, kept in failed/, can be dropped again
            try {
                io.hiraku.publish.ReleaseWriter.deleteStaging(job.getRelease().directory());
            } catch (IOException e) {
                LOG.warn("{}: the staged release {} could not be removed: {}", job, job.getRelease().directory(), e.getMessage());
            }
        }
        try {
            if (!job.getDepartment().isEmpty()) {
                put(job, receipt(job), receiptName(job));
                remove(job, receiptName(job) + PENDING);
            }
            journal.step(job, DropJournal.State.FAILED, null);
        } finally {
            // counted as ended even when its receipt cannot be written: publish --once waits for every drop to end
            waiting.remove(job.dropKey());
            metrics.ended(job);
            org.slf4j.MDC.clear();
            outcomes.record(job.dropKey(), IngestJob.Outcome.FAILED);
        }
    }

    private Receipt receipt(IngestJob job) {
        CatalogDefinition cat = (job.getDefinitions() != null ? job.getDefinitions() : catalog.load()).catalog();
        String datasetId = job.getDataset() == null ? null : job.getDataset().id();
        List<Receipt.Download> downloads = null;
        String datasetUrl = null;
        if (datasetId != null && job.getOutcome() != IngestJob.Outcome.REJECTED) {
            datasetUrl = DatasetIris.dataset(cat, datasetId) + "/";
        }
        if (job.getOutcome() == IngestJob.Outcome.PUBLISHED) {
            downloads = new ArrayList<>();
            for (PublishedFile f : job.getRelease().dataFiles()) {
                downloads.add(new Receipt.Download(f.name(), f.format().label(),
                        DatasetIris.downloadUrl(cat, datasetId, f.name()), f.bytes(), f.sha256()));
            }
        }
        String departmentName = departmentName(cat, job.getDepartment());
        return new Receipt(job.getOutcome() == null ? "pending" : job.getOutcome().name().toLowerCase(java.util.Locale.ROOT),
                job.getDepartment(),
                departmentName, job.getFileName(), job.getReceivedAt().toString(),
                cat.localTime(job.getReceivedAt()), job.getBytes(), job.getSha256(), datasetId,
                job.getDataset() == null ? null : job.getDataset().title().in("ja"),
                job.getRelease() == null ? null : job.getRelease().releaseId(), datasetUrl, downloads,
                job.getMessageJa(), job.getMessageEn(), job.getReport(), job.getProposal(),
                job.getAdvice().isEmpty() ? null : job.getAdvice(), job.getQuality());
    }

    /** The department's name in Japanese for a receipt; "" when the catalog gives it none. */
    private static String departmentName(CatalogDefinition cat, String department) {
        return cat.department(department).map(d -> d.name().in("ja")).orElse("");
    }
}
