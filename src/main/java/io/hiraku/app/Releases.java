package io.hiraku.app;

import io.hiraku.catalog.PublishedDataset;
import io.hiraku.catalog.PublishedDatasets;
import io.hiraku.catalog.DcatCatalog;
import io.hiraku.catalog.DcatGate;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.ReleaseWriter;
import io.hiraku.validate.Issue;
import io.hiraku.publish.PublishedKeys;
import io.hiraku.publish.ReleaseNotes;
import io.hiraku.publish.StagedRelease;
import io.hiraku.publish.Original;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import io.hiraku.validate.DefinitionProposer;
import io.hiraku.validate.Receipt;
import io.hiraku.validate.TableValidator;
import io.hiraku.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release stage's work: find the drop's dataset, skip bytes already published, then in one
 * streaming pass decode, validate, normalize and write the release's files to staging.
 */
public final class Releases {
    private static final Logger LOG = LoggerFactory.getLogger(Releases.class);
    private final CatalogSource catalog;
    private final ObjectStore store;
    private final Workspace workspace;
    private final DropJournal journal;
    private final Clock clock;
    private final TableValidator validator;
    private final io.hiraku.source.Limits limits;
    private final DefinitionProposer proposer = new DefinitionProposer();
    private final DefinitionDrops definitionDrops;

    private final io.hiraku.publish.FormatSizes sizes;

    public Releases(CatalogSource catalog, ObjectStore store, Workspace workspace, DropJournal journal, Clock clock,
                    io.hiraku.publish.FormatSizes sizes, io.hiraku.source.Limits limits, DefinitionDrops definitionDrops) {
        this.definitionDrops = definitionDrops;
        this.sizes = sizes;
        this.limits = limits;
        this.validator = new TableValidator(limits);
        this.catalog = catalog;
        this.store = store;
        this.workspace = workspace;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Which datasets the drop feeds: one job per dataset (a workbook can feed several), or the drop
     * itself, already refused, when it belongs to no dataset of its department.
     */
    public List<IngestJob> plan(IngestJob job) throws IOException {
        Definitions definitions = catalog.load();
        job.definitions(definitions);
        if (definitions.catalog().department(job.getDepartment()).isEmpty()) {
            job.end(IngestJob.Outcome.REJECTED,
                    "フォルダ「" + job.getDepartment() + "」は登録された部署ではありません。自部署のフォルダに置いてください",
                    "'" + job.getDepartment() + "' is not a configured department; drop the file into your department's folder");
            return List.of(job);
        }
        if (FileNames.hasControlCharacters(job.getFileName())) {
            job.end(IngestJob.Outcome.REJECTED,
                    "ファイル名に制御文字が含まれています。文字・数字・記号だけの名前に変えて、もう一度置いてください",
                    "the file name holds control characters; rename the file with letters, digits and punctuation "
                            + "only, and drop it again");
            return List.of(job);
        }
        if (job.getBytes() > limits.fileBytes()) {
            job.end(IngestJob.Outcome.REJECTED,
                    "ファイルが大きすぎます（" + limits.fileBytes() / (1 << 20) + " MBまで）。分割するか、オープンデータ担当に相談してください",
                    "the file is larger than " + limits.fileBytes() / (1 << 20) + " MB, the most accepted; split it or "
                            + "ask the open-data team");
            return List.of(job);
        }
        if (DefinitionDrops.isDefinition(job.getFileName())) {
            definitionDrops.take(job, definitions);
            return List.of(job);
        }
        List<DatasetDefinition> found = definitions.forDrops(job.getDepartment(), job.getFileName());
        if (found.isEmpty()) {
            Optional<DatasetDefinition> other = definitions.ownedElsewhere(job.getDepartment(), job.getFileName());
            List<Definitions.BrokenDefinition> broken = definitions.broken(job.getDepartment(), job.getFileName());
            if (other.isPresent()) {
                rejectOwnedElsewhere(job, other.get());
            } else if (!broken.isEmpty()) {
                rejectBrokenDefinition(job, broken);
            } else {
                rejectUnknown(job);
                String id = unusedId(definitions, DefinitionProposer.suggestId(job.getFileName()));
                DefinitionProposer.Proposal proposal = proposer.proposal(job.getArchived(), job.getFileName());
                proposal.definition().ifPresent(yaml -> job.proposal(
                        new Receipt.ProposedDefinition("catalog/datasets/" + job.getDepartment() + "/" + id + ".yaml",
                                yaml)));
                if (proposal.problemEn() != null) {
                    job.end(IngestJob.Outcome.REJECTED, job.getMessageJa() + "。また、このファイルは表として読めません: "
                            + proposal.problemJa(), job.getMessageEn() + "; nor can the file be read as a table: "
                            + proposal.problemEn());
                }
            }
            return List.of(job);
        }
        if (found.size() > 1) {
            LOG.info("{} feeds {} datasets: {}", job, found.size(), found.stream().map(DatasetDefinition::id).toList());
        }
        return found.stream().map(job::forDataset).toList();
    }

    /**
     * An id no dataset has yet, for a proposal: a second file whose name gives no id (Japanese names all
     * give {@code new-dataset}) must not be proposed under the first one's id, which would replace its
     * definition when dropped back.
     */
    private static String unusedId(Definitions definitions, String suggested) {
        String id = suggested;
        for (int n = 2; definitions.dataset(id).isPresent(); n++) {
            id = suggested + "-" + n;
        }
        return id;
    }

    /** Builds the release of one dataset from the drop: decode, validate, normalize, write to staging. */
    public IngestJob build(IngestJob job) throws IOException {
        if (job.getOutcome() != null) {
            return job;
        }
        Definitions definitions = job.getDefinitions();
        DatasetDefinition dataset = job.getDataset();
        org.slf4j.MDC.put("dataset", dataset.id());
        // an interrupted attempt, or the work event, pinned the release: doing it again writes the same
        // release, never a second one
        Instant created = job.getPinnedRelease() != null ? job.getPinnedRelease()
                : journal.pinnedRelease(job).orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MILLIS));
        String releaseId = ReleaseWriter.releaseId(created);
        Optional<PublishedDataset> latest = new PublishedDatasets(store).find(dataset);
        if (job.getPinnedRelease() != null && latest.isPresent() && latest.get().release().compareTo(releaseId) >= 0) {
            alreadyPublished(job, releaseId, latest.get().release());
            return job;
        }
        boolean sameFile = latest.isPresent() && job.getSha256().equals(latest.get().originalSha256())
                && !latest.get().release().equals(releaseId);
        if (sameFile && !definitionChanged(latest.get(), dataset)) {
            job.end(IngestJob.Outcome.UNCHANGED,
                    "このファイルは公開中の版（" + latest.get().release() + "）と同じ内容です。新しい版は作成していません",
                    "this file is identical to the published release " + latest.get().release()
                            + "; no new release was made");
            return job;
        }
        if (sameFile) {
            job.sameFileAs(latest.get().release()); // under a changed definition
        }
        Optional<com.fasterxml.jackson.databind.JsonNode> withdrawn = ReleaseNotes.withdrawnFrom(store, dataset.id(),
                job.getSha256());
        if (withdrawn.isPresent()) {
            refuseWithdrawn(job, withdrawn.get());
            return job;
        }
        journal.step(job, DropJournal.State.BUILDING, created);
        try (ReleaseWriter writer = new ReleaseWriter(definitions.catalog(), dataset, workspace.staging(),
                created).sizes(sizes)) {
            ValidationReport report = validator.validate(job.getArchived(), dataset, writer, new PublishedKeys(store));
            job.report(report);
            boolean partly = !report.valid() && dataset.errorPolicy().allows(report.getRows(), report.getInvalidRows())
                    && report.getFileErrorCount() == 0;
            if (!report.valid() && !partly) {
                job.end(IngestJob.Outcome.REJECTED,
                        report.getErrorCount() + " 件の問題があるため公開しませんでした。下の一覧を直して、もう一度置いてください",
                        "not published: " + report.getErrorCount()
                                + " problem(s) found; fix those listed below and drop the file again");
                LOG.warn("Rejected {}: {} problem(s)", job, report.getErrorCount());
                if (hasDrift(report) && dataset.definitionFile() != null) {
                    // the definition brought to the file's columns, for the team to take if the change is meant
                    Path definitionFile = Path.of(dataset.definitionFile());
                    proposer.update(job.getArchived(), job.getFileName(), Files.readString(definitionFile),
                            definitionFile.getFileName().toString()).ifPresent(yaml -> job.proposal(
                            new Receipt.ProposedDefinition(dataset.definitionFile(), yaml, true)));
                }
                return job;
            }
            StagedRelease staged = writer.finish(new Original(job.getDepartment(), job.getFileName(), job.getBytes(),
                    job.getSha256(), report.getEncoding(), job.getArchived()));
            StagedRelease noted = new ReleaseNotes(store).write(staged, dataset.schema().primaryKey());
            PublishedDataset toBe = PublishedDataset.staged(dataset, noted);
            Model metadata = new DcatCatalog(definitions.catalog()).datasetModel(toBe);
            List<DcatGate.Violation> violations = DcatGate.check(metadata);
            if (!violations.isEmpty()) {
                refuseMetadata(job, dataset, violations);
                ReleaseWriter.deleteStaging(noted.directory());
                return job;
            }
            String iri = DatasetIris.dataset(definitions.catalog(), dataset.id());
            job.advice(DcatGate.advice(metadata, iri));
            io.hiraku.catalog.MqaScore mqa = io.hiraku.catalog.MqaScore.ofPublished(definitions.catalog(), toBe, metadata);
            job.quality(new io.hiraku.validate.Receipt.MetadataQuality(mqa.points(), io.hiraku.catalog.MqaScore.maximum(),
                    mqa.rating(), mqa.unmet().stream().map(i -> i.metric() + " " + i.points() + "/" + i.weight()).toList()));
            job.release(noted);
            journal.step(job, DropJournal.State.RELEASED, null);
            LOG.info("Built release {} of {}: {} rows from {} ({})", job.getRelease().releaseId(), dataset.id(),
                    report.getRows(), job.getFileName(), report.getEncoding());
        }
        return job;
    }

    /**
     * Whether the table the dataset's definition makes of a file is no longer the one its latest release was made
     * with (the same file dropped again then publishes anew). A release from before definitions were recorded
     * counts as made with this one.
     */
    static boolean definitionChanged(PublishedDataset latest, DatasetDefinition dataset) {
        return latest.definitionSha256() != null
                && !latest.definitionSha256().equals(io.hiraku.publish.DefinitionFingerprint.of(dataset));
    }

    /**
     * A work event delivered again (its worker stopped after publishing, before saying so): the release, or a
     * later one, is already the dataset's latest, and publishing it again would only repeat it or go back.
     */
    private static void alreadyPublished(IngestJob job, String releaseId, String latest) {
        if (latest.equals(releaseId)) {
            job.end(IngestJob.Outcome.UNCHANGED,
                    "このファイルは版 " + releaseId + " として公開済みです",
                    "this file is already published as release " + releaseId);
        } else {
            job.end(IngestJob.Outcome.UNCHANGED,
                    "より新しい版（" + latest + "）が公開済みのため、このファイル（版 " + releaseId + "）は公開しませんでした",
                    "a later release (" + latest + ") is already published, so this file (release " + releaseId
                            + ") was not published over it");
        }
        LOG.info("{}: release {} not built again; the latest is {}", job, releaseId, latest);
    }

    /**
     * The very file of a release that was withdrawn (a copy kept on a desktop, a nightly export dropped again):
     * publishing it would undo the withdrawal.
     */
    private static void refuseWithdrawn(IngestJob job, com.fasterxml.jackson.databind.JsonNode entry) {
        String release = entry.path("release").asText();
        String at = entry.path("withdrawn").path("at").asText();
        String reason = entry.path("withdrawn").path("reason").asText();
        job.end(IngestJob.Outcome.REJECTED,
                "このファイルは、公開を取り下げた版（" + release + "、" + at + " 取り下げ、理由: " + reason
                        + "）と同じ内容のため公開しませんでした。内容を直したファイルを置いてください",
                "this file is the one release " + release + " was made from, which was withdrawn (" + at + "; reason: "
                        + reason + "), so it was not published again; drop a corrected file");
        LOG.warn("Refused {}: it is the original of withdrawn release {}", job, release);
    }

    /** The dataset's metadata fails the DCAT-AP gate: nothing is published; the receipt says what to fix where. */
    private static void refuseMetadata(IngestJob job, DatasetDefinition dataset, List<DcatGate.Violation> violations) {
        ValidationReport report = job.getReport();
        for (DcatGate.Violation v : violations) {
            report.add(Issue.ofFile("metadata-dcat-ap", null,
                    "データセット定義のメタデータが DCAT-AP の要件を満たしません（" + v.property() + "）: " + v.message()
                            + "。オープンデータ担当が " + dataset.definitionFile() + " を直してください",
                    "the dataset's metadata does not meet DCAT-AP (" + v.property() + "): " + v.message()
                            + "; the open-data team fixes " + dataset.definitionFile()));
        }
        job.end(IngestJob.Outcome.REJECTED,
                "データは正しいものの、データセットのメタデータに問題があるため公開しませんでした（以前の版が公開されたままです）",
                "the data are fine but the dataset's metadata is not, so nothing was published (the previous release stays)");
        LOG.warn("Refused {}: {} DCAT-AP violation(s), first: {}", job, violations.size(), violations.get(0));
    }

    /** Columns added, removed or reordered against the definition: the receipt proposes an updated one. */
    private static boolean hasDrift(ValidationReport report) {
        return report.getErrorTypes().keySet().stream().anyMatch(t -> t.equals("extra-label")
                || t.equals("missing-label") || t.equals("renamed-label") || t.startsWith("schema-drift"));
    }

    static void rejectOwnedElsewhere(IngestJob job, DatasetDefinition other) {
        job.end(IngestJob.Outcome.REJECTED,
                "データセット「" + other.id() + "」は部署「" + other.department()
                        + "」のものです。他部署のデータセットは公開できません",
                "dataset '" + other.id() + "' belongs to department '" + other.department()
                        + "'; a department can only publish its own datasets");
    }

    private static void rejectBrokenDefinition(IngestJob job, List<Definitions.BrokenDefinition> broken) {
        String problems = String.join("; ", broken.stream().map(Definitions.BrokenDefinition::problem).toList());
        job.end(IngestJob.Outcome.REJECTED,
                "このファイルのデータセット定義に誤りがあるため処理できません。オープンデータ担当が直してください（ファイルは保管済みです）: "
                        + problems,
                "the dataset definition this file is for has an error, so it cannot be processed; the open-data "
                        + "team fixes it (the file is kept): " + problems);
        LOG.warn("Refused {}: its dataset definition is broken: {}", job, problems);
    }

    private static void rejectUnknown(IngestJob job) {
        job.end(IngestJob.Outcome.REJECTED,
                "「" + job.getFileName() + "」に対応するデータセット定義がありません。ファイル名をデータセットID（例: "
                        + "aed-locations.csv）にするか、オープンデータ担当に定義の追加を依頼してください",
                "no dataset definition matches '" + job.getFileName() + "'; name the file after its dataset id "
                        + "(e.g. aed-locations.csv) or ask the open-data team to add a definition");
    }
}
