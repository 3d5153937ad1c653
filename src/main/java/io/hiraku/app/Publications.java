package io.hiraku.app;

import io.hiraku.catalog.CatalogBuilder;
import io.hiraku.publish.Publisher;
import io.hiraku.schema.Definitions;
import io.hiraku.publish.Retention;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The publish and catalog stages' work: put the staged release into the store, then rebuild the catalog. */
public final class Publications {
    private static final Logger LOG = LoggerFactory.getLogger(Publications.class);
    private final Publisher publisher;
    private final CatalogBuilder catalogBuilder;
    private final CatalogSource catalog;
    private final Retention retention;
    private final DropJournal journal;
    private final int keep;

    private final PipelineMetrics metrics;
    private CatalogRebuilt rebuilt;
    private Inputs inputs;

    /** What a rebuild with these definitions would be made from ({@link CatalogRebuilt#inputs}). */
    interface Inputs {
        String of(Definitions definitions) throws IOException;
    }

    /** @param keep how many releases of a dataset to keep after each publication; 0 keeps all */
    public Publications(Publisher publisher, CatalogBuilder catalogBuilder, CatalogSource catalog, Retention retention,
                        DropJournal journal, int keep, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.journal = journal;
        this.publisher = publisher;
        this.catalogBuilder = catalogBuilder;
        this.catalog = catalog;
        this.retention = retention;
        this.keep = keep;
    }

    /**
     * Keeps what each complete rebuild was made from, so that a start with nothing changed need not rebuild (a local
     * run; in distributed mode workers change the store too).
     */
    void remember(CatalogRebuilt rebuilt, Inputs inputs) {
        this.rebuilt = rebuilt;
        this.inputs = inputs;
    }

    public IngestJob publish(IngestJob job) throws IOException {
        if (rebuilt != null) {
            rebuilt.forget();
        }
        publisher.publish(job.getRelease());
        journal.step(job, DropJournal.State.PUBLISHED, null);
        long leftOut = job.getReport() == null ? 0 : job.getReport().getInvalidRows();
        String same = job.getSameFileAs();
        job.end(IngestJob.Outcome.PUBLISHED,
                "公開しました（" + job.getRelease().rows() + " 行、版 " + job.getRelease().releaseId() + "）"
                        + (same != null ? "。版 " + same + " と同じファイルですが、データセット定義が変わったため、今の定義で作り直しました" : "")
                        + (leftOut > 0 ? "。問題のある " + leftOut + " 行は除外しました。下の一覧を直して、もう一度置いてください" : ""),
                "published (" + job.getRelease().rows() + " rows, release " + job.getRelease().releaseId() + ")"
                        + (same != null ? "; the same file as release " + same + ", published again because the dataset's "
                        + "definition changed since" : "")
                        + (leftOut > 0 ? "; " + leftOut + " row(s) with problems were left out: fix those listed below and "
                        + "drop the file again" : ""));
        LOG.info("Published {} release {} to {}", job.getDataset().id(), job.getRelease().releaseId(),
                publisher.store().describe());
        if (keep > 0) {
            List<String> removed = retention.prune(job.getDataset().id(), keep);
            if (!removed.isEmpty()) {
                LOG.info("Kept the newest {} release(s) of {}; forgot {} (their files go once the catalog is rebuilt)",
                        keep, job.getDataset().id(), removed);
            }
        }
        return job;
    }

    /**
     * After the catalog is rebuilt: deletes the dataset's release folders that its history no longer names
     * (pruned ones) and its latest files of formats its latest release does not have, which the catalog has
     * stopped linking.
     */
    public IngestJob sweep(IngestJob job) throws IOException {
        retention.sweep(job.getDataset().id());
        publisher.deleteFormatsNoLongerPublished(job.getDataset().id());
        return job;
    }

    /** Rebuilds the catalog with the definitions the drop was published under. */
    public IngestJob rebuildCatalog(IngestJob job) throws IOException {
        List<String> holding = rebuild(job.getDefinitions());
        if (!holding.isEmpty() && job.getOutcome() == IngestJob.Outcome.PUBLISHED) {
            String files = String.join(", ", holding);
            job.end(IngestJob.Outcome.PUBLISHED,
                    job.getMessageJa() + "。カタログのページは、データセット定義 " + files
                            + " の誤りをオープンデータ担当が直すまで更新されません（データは公開済みです）",
                    job.getMessageEn() + "; the catalog pages are updated once the open-data team fixes the dataset "
                            + "definition " + files + " (the data are published)");
        }
        return job;
    }

    /**
     * The catalog builder of distributed mode: one rebuild for a burst of "dataset published" events (each
     * the id of a dataset a worker published or found published), then the pruned releases of those
     * datasets are deleted, now that the catalog no longer links them.
     */
    public void rebuildAfter(List<String> datasetIds) throws IOException {
        java.util.Set<String> datasets = new java.util.TreeSet<>(datasetIds);
        LOG.info("Rebuilding the catalog after {} release event(s) for {} dataset(s)", datasetIds.size(), datasets.size());
        if (rebuild(catalog.load()).isEmpty()) {
            for (String id : datasets) {
                retention.sweepPruned(id);
                publisher.deleteFormatsNoLongerPublished(id);
            }
        }
    }

    /** Rebuilds the catalog from the current definitions (a timer, an edit of the catalog folder). */
    public void rebuildCatalog() throws IOException {
        rebuild(catalog.load());
    }

    /**
     * At the start of {@code run}, and at the end of {@code publish --once}: rebuilds the catalog unless the last
     * complete rebuild was made from the same code, settings, catalog folder and day, nothing changed the store since
     * and no drop is in hand ({@link CatalogRebuilt}).
     */
    public void rebuildCatalogIfChanged() throws IOException {
        Definitions definitions = catalog.load();
        if (rebuilt != null && journal.entries().isEmpty()
                && rebuilt.isCurrent(inputs.of(definitions) + " " + entryPoint())) {
            LOG.info("The catalog is as its last rebuild left it (nothing it is made from has changed since): not "
                    + "rebuilt");
            return;
        }
        rebuild(definitions);
    }

    /**
     * The catalog's data.json as stored (written by every rebuild): a store emptied, or put back from elsewhere,
     * since the last rebuild does not hold the one it wrote.
     */
    private String entryPoint() throws IOException {
        return publisher.store().describe("data.json").map(o -> o.sha256() + " " + o.bytes()).orElse("none");
    }

    /**
     * One rebuild at a time: a later rebuild always reads a later state of the store. While the definition
     * of a dataset that is already published is broken, the catalog is left as it is (it would drop that
     * dataset from every page and feed); the data of other datasets is still published, and the catalog
     * catches up at the first rebuild after the definition is fixed.
     */
    private synchronized List<String> rebuild(Definitions definitions) throws IOException {
        List<String> published = new java.util.ArrayList<>();
        for (Definitions.BrokenDefinition broken : definitions.broken()) {
            if (publisher.isPublished(broken.id())) {
                published.add(broken.file());
            }
        }
        if (!published.isEmpty()) {
            LOG.warn("Catalog not rebuilt: the definition of published dataset(s) {} is broken, and a rebuild would "
                    + "take them out of the catalog; it is rebuilt once they are fixed", published);
            return published;
        }
        String from = null;
        if (rebuilt != null) {
            from = inputs.of(definitions);
            rebuilt.forget();
        }
        catalogBuilder.rebuild(definitions);
        if (rebuilt != null) {
            rebuilt.record(from + " " + entryPoint());
        }
        metrics.catalogRebuilt();
        return List.of();
    }
}
