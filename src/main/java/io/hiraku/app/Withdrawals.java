package io.hiraku.app;

import io.hiraku.catalog.CatalogBuilder;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.catalog.SiteTemplates;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Withdrawal;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import io.hiraku.schema.LocalizedText;
import io.hiraku.validate.Receipt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code withdraw} command's work, in the order that never leaves the catalog pointing at a missing
 * object: take the release (or the dataset) out of what is published, rebuild the catalog without it, then
 * delete its files; a withdrawn dataset's page says when and why. The department that owns the dataset
 * gets a receipt in its drop folder saying what was withdrawn and why.
 */
final class Withdrawals {
    private static final Logger LOG = LoggerFactory.getLogger(Withdrawals.class);
    private final ObjectStore store;
    private final ObjectStore sharedArchive;
    private final ObjectStore ingestStore;
    private final Workspace workspace;
    private final SiteTemplates templates;
    private final ReceiptWriter receipts;
    private final Path scratch;
    private final Clock clock;

    /**
     * @param sharedArchive distributed mode's shared archive (originals kept for workers), or null
     * @param ingestStore   the ingest object store, where departments that upload there get receipts, or null
     * @param receiptsKeepDays how many days a drop folder keeps a receipt (its list says so)
     */
    Withdrawals(ObjectStore store, Workspace workspace, SiteTemplates templates, Clock clock, ObjectStore sharedArchive,
                ObjectStore ingestStore, int receiptsKeepDays) {
        this.receipts = new ReceiptWriter(templates, receiptsKeepDays);
        this.sharedArchive = sharedArchive;
        this.ingestStore = ingestStore;
        this.store = store;
        this.workspace = workspace;
        this.templates = templates;
        this.scratch = workspace.staging();
        this.clock = clock;
    }

    /**
     * @param releaseId      null to withdraw the whole dataset
     * @param eraseOriginals also delete the dropped files those releases were made from, wherever Hiraku kept
     *                       them (personal data that must not be kept either)
     */
    Withdrawal.Plan withdraw(Definitions definitions, String datasetId, String releaseId, String reason,
                             boolean eraseOriginals) throws IOException, Withdrawal.NotWithdrawable {
        Withdrawal withdrawal = new Withdrawal(store, scratch.resolve("_withdrawal"));
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Withdrawal.Plan plan = releaseId == null ? withdrawal.dataset(datasetId, reason, now)
                : withdrawal.release(datasetId, releaseId, reason, now);
        CatalogBuilder builder = new CatalogBuilder(store, templates, scratch.resolve("_catalog"), clock);
        builder.rebuild(definitions);
        Optional<DatasetDefinition> definition = definitions.dataset(datasetId);
        if (plan.wholeDataset()) {
            builder.withdrawn(definitions.catalog(), definition.orElse(
                    DatasetDefinition.named(datasetId, "", LocalizedText.of("ja", plan.title()))));
        }
        // only now that nothing published links them are the files deleted
        withdrawal.remove(plan);
        if (eraseOriginals) {
            eraseOriginals(plan.originals(), definitions.catalog().departments().stream()
                    .map(io.hiraku.schema.Department::id).toList());
        }
        if (definition.isPresent() && !plan.releases().isEmpty()) {
            tellDepartment(definitions.catalog(), definition.get(), plan, reason, now);
        }
        return plan;
    }

    /**
     * Deletes the dropped files with these sha256 from the archive ({@code archive/<department>/<sha256>/}),
     * the refused and failed copies, and the shared archive of distributed mode, under each department they
     * may have been dropped by. @return how many were deleted
     */
    int eraseOriginals(java.util.Set<String> sha256s, List<String> departments) throws IOException {
        int erased = 0;
        for (String department : departments) {
            for (String sha : sha256s) {
                erased += io.hiraku.publish.DurableFiles.deleteTree(workspace.archived(department, sha));
                if (sharedArchive != null) {
                    for (String key : sharedArchive.list(WorkEvent.archiveKey(department, sha, ""))) {
                        sharedArchive.delete(key);
                        erased++;
                    }
                }
            }
        }
        for (Path kept : List.of(workspace.rejected(), workspace.failed())) {
            for (Path file : Workspace.filesUnder(kept, 3)) {
                if (!file.getFileName().toString().endsWith(".html") && !file.getFileName().toString().endsWith(".json")
                        && sha256s.contains(io.hiraku.publish.Sha256.of(file))) {
                    java.nio.file.Files.delete(file);
                    erased++;
                }
            }
        }
        LOG.info("Erased {} kept copy(ies) of the withdrawn originals {}", erased, sha256s);
        return erased;
    }

    private void tellDepartment(CatalogDefinition catalog, DatasetDefinition dataset, Withdrawal.Plan plan, String reason,
                                Instant now) throws IOException {
        String department = dataset.department();
        String title = dataset.title().in("ja");
        String releases = String.join(", ", plan.releases());
        String ja = plan.wholeDataset()
                ? "データセット「" + title + "」の公開を取り下げました（版 " + releases + "）。理由: " + reason
                        + "。データは削除し、ページには取り下げたことを表示しています。再び公開するには、直したファイルをこのフォルダに置いてください"
                : "データセット「" + title + "」の版 " + releases + " の公開を取り下げました。理由: " + reason
                        + "。現在公開中の版は " + plan.latest() + " です";
        String en = plan.wholeDataset()
                ? "dataset '" + title + "' was withdrawn (release " + releases + "); reason: " + reason
                        + ". Its data are deleted and its page says it was withdrawn. To publish it again, drop a corrected "
                        + "file into this folder"
                : "release " + releases + " of dataset '" + title + "' was withdrawn; reason: " + reason
                        + ". The release published now is " + plan.latest();
        Receipt receipt = new Receipt("withdrawn", department, catalog.departmentName(department, "ja"),
                plan.original(), now.toString(), catalog.localTime(now), 0, null, dataset.id(), title,
                plan.wholeDataset() ? null : plan.latest(), DatasetIris.dataset(catalog, dataset.id()) + "/", null,
                ja, en, null, null, null, null);
        String name = dataset.id() + ".withdrawn." + now.toString().replace(":", "");
        for (ReceiptPlace place : ReceiptPlace.department(workspace, ingestStore, department, true)) {
            place.write(receipts, receipt, name);
        }
        LOG.info("Receipt of the withdrawal written for department {}: {}", department, name);
    }
}
