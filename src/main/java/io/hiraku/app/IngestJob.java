package io.hiraku.app;

import io.hiraku.publish.StagedRelease;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import io.hiraku.validate.Receipt;
import io.hiraku.validate.ValidationReport;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One dropped file on its way through the routes: the message body every stage reads and adds to.
 * Routes test {@link #isReleased()}, {@link #isRejected()} to choose the next stage.
 */
public final class IngestJob {
    /** Where a drop came from: a drop folder, or the ingest object store (hiraku.ingest-store). */
    public enum Origin { FOLDER, STORE }

    /** What became of a drop, from best to worst; DEFINED: a dataset definition dropped and saved. */
    public enum Outcome { DEFINED, PUBLISHED, UNCHANGED, REJECTED, FAILED }

    private final String department;
    private final String fileName;
    private final Instant receivedAt;
    private Path archived;
    private String sha256;
    private long bytes;
    private Definitions definitions;
    private DatasetDefinition dataset;
    private ValidationReport report;
    private String sameFileAs;
    private StagedRelease release;
    private Outcome outcome;
    private Receipt.ProposedDefinition proposal;
    private java.util.List<String> advice = java.util.List.of();
    private io.hiraku.validate.Receipt.MetadataQuality quality;
    private String messageJa;
    private String messageEn;
    private boolean done;
    private Instant pinnedRelease;
    private Origin origin = Origin.FOLDER;

    public IngestJob(String department, String fileName, Instant receivedAt) {
        this.department = department;
        this.fileName = fileName;
        this.receivedAt = receivedAt;
    }

    /** The same drop, for another of the datasets it feeds. */
    IngestJob forDataset(DatasetDefinition definition) {
        IngestJob job = new IngestJob(department, fileName, receivedAt);
        job.archived(archived, sha256, bytes);
        job.definitions(definitions);
        job.dataset(definition);
        job.origin(origin);
        return job;
    }

    /** Identifies the drop (not the dataset): the outcome of a drop is counted once. */
    public String dropKey() {
        return department + "/" + fileName + "@" + receivedAt + "#" + sha256;
    }

    public String getDepartment() {
        return department;
    }

    public String getFileName() {
        return fileName;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Path getArchived() {
        return archived;
    }

    public String getSha256() {
        return sha256;
    }

    public long getBytes() {
        return bytes;
    }

    void archived(Path path, String sha, long size) {
        this.archived = path;
        this.sha256 = sha;
        this.bytes = size;
    }

    /** Where the drop came from, and so where its receipts go. */
    public Origin getOrigin() {
        return origin;
    }

    void origin(Origin from) {
        this.origin = from;
    }

    /** The release instant a work event carries (distributed mode); null when this process picks it. */
    public Instant getPinnedRelease() {
        return pinnedRelease;
    }

    void pinRelease(Instant release) {
        this.pinnedRelease = release;
    }

    /** The catalog definitions this drop was judged by (null until the release stage loaded them). */
    public Definitions getDefinitions() {
        return definitions;
    }

    void definitions(Definitions loaded) {
        this.definitions = loaded;
    }

    public DatasetDefinition getDataset() {
        return dataset;
    }

    /** The id of the dataset this job is for (the key of its work and "published" events); null before it is known. */
    public String getDatasetId() {
        return dataset == null ? null : dataset.id();
    }

    void dataset(DatasetDefinition definition) {
        this.dataset = definition;
    }

    public ValidationReport getReport() {
        return report;
    }

    void report(ValidationReport validationReport) {
        this.report = validationReport;
    }

    public StagedRelease getRelease() {
        return release;
    }

    void release(StagedRelease staged) {
        this.release = staged;
    }

    /** What DCAT-AP recommends that the dataset's metadata lacks (advice, never a reason to refuse). */
    public java.util.List<String> getAdvice() {
        return advice;
    }

    /** The EU MQA score the dataset will have once this release is published; null before it is built. */
    public io.hiraku.validate.Receipt.MetadataQuality getQuality() {
        return quality;
    }

    void quality(io.hiraku.validate.Receipt.MetadataQuality score) {
        this.quality = score;
    }

    void advice(java.util.List<String> lines) {
        this.advice = java.util.List.copyOf(lines);
    }

    /** The release whose very file this drop is, published again because the definition changed since; else null. */
    public String getSameFileAs() {
        return sameFileAs;
    }

    void sameFileAs(String release) {
        this.sameFileAs = release;
    }

    public Receipt.ProposedDefinition getProposal() {
        return proposal;
    }

    void proposal(Receipt.ProposedDefinition proposed) {
        this.proposal = proposed;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public boolean isReleased() {
        return release != null && outcome == null;
    }

    /**
     * True when an interrupted run had already finished this drop (every receipt written) but was stopped
     * before deleting the file: nothing is left to do but delete it.
     */
    public boolean isDone() {
        return done;
    }

    void alreadyDone() {
        this.done = true;
    }

    public boolean isRejected() {
        return outcome == Outcome.REJECTED;
    }

    /** A dataset definition dropped and saved: the catalog shows its metadata once rebuilt. */
    public boolean isDefined() {
        return outcome == Outcome.DEFINED;
    }

    public String getMessageJa() {
        return messageJa;
    }

    public String getMessageEn() {
        return messageEn;
    }

    void end(Outcome result, String ja, String en) {
        this.outcome = result;
        this.messageJa = ja;
        this.messageEn = en;
    }

    @Override
    public String toString() {
        return department + "/" + FileNames.printable(fileName) + (dataset != null ? " (dataset " + dataset.id() + ")" : "");
    }
}
