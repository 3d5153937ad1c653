package io.hiraku.catalog;

import io.hiraku.publish.ObjectInfo;
import io.hiraku.publish.ObjectStore;
import io.hiraku.schema.Definitions;
import io.hiraku.schema.Department;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the catalog documents from what the store holds: each dataset's page, the static assets,
 * then {@code catalog.ttl}, then {@code index.html}. The catalog documents go last, so they never
 * point at an object that is not yet there.
 */
public final class CatalogBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBuilder.class);

    /** How many datasets' documents a rebuild writes at once. */
    private static final int DATASET_WRITERS = 4;

    private final ObjectStore store;
    private final SiteTemplates templates;
    private final Path scratch;
    private final java.time.Clock clock;
    /**
     * Each dataset's DCAT-AP advice (the recommended shapes' findings) as last computed, by the catalog
     * and dataset metadata it was computed from: a rebuild follows every drop, and running the shapes on
     * every dataset each time made rebuilds of large catalogs slow, while the advice only changes with a
     * dataset's definition, its latest release, or the catalog's definition. The newest 10,000 are kept.
     */
    private final java.util.Map<List<Object>, List<String>> adviceCache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<List<Object>, List<String>> eldest) {
                    return size() > 10_000;
                }
            });

    /**
     * What each dataset's own documents (DCAT in three syntaxes, feed, pages) and each catalog page were
     * last written from: the catalog's and the dataset's metadata, its freshness now, the site theme. A
     * rebuild follows every drop, and with a thousand datasets writing them all again took 17 s, while a
     * drop changes one dataset; those whose inputs are the same are left as they are. Kept in memory: the
     * first rebuild after a start writes everything.
     */
    private final java.util.Map<String, List<Object>> datasetsWrittenFrom = new java.util.concurrent.ConcurrentHashMap<>();
    /** The theme's asset files (path, size, time) and whether maps are shown, as the assets were last put. */
    private List<Object> assetsWrittenFrom;
    private final java.util.Map<Integer, List<Object>> pagesWrittenFrom = new java.util.HashMap<>();

    public CatalogBuilder(ObjectStore store, SiteTemplates templates, Path scratch) {
        this(store, templates, scratch, java.time.Clock.systemUTC());
    }

    /** With the clock that says which datasets are overdue. */
    public CatalogBuilder(ObjectStore store, SiteTemplates templates, Path scratch, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.templates = templates;
        this.scratch = scratch;
    }

    /**
     * Writes every catalog document, each after the ones it links (a dataset's RDF and feed before its
     * pages, its pages before the department pages; the entry points last: data.json, catalog.ttl and its
     * other syntaxes, sitemap.xml, then the index pages), so that a process killed half-way leaves nothing
     * reachable from an entry point that points at a missing object.
     */
    public synchronized void rebuild(Definitions definitions) throws IOException {
        io.hiraku.schema.CatalogDefinition catalog = definitions.catalog();
        List<PublishedDataset> datasets = new PublishedDatasets(store).all(definitions);
        List<WithdrawnDataset> withdrawn = new PublishedDatasets(store).withdrawn(definitions, datasets);
        List<PageModels> languages = pageModels(catalog);
        Files.createDirectories(scratch);
        DcatCatalog dcat = new DcatCatalog(catalog);
        // the theme's files (and Leaflet's, for maps) once a run, and again when one of them changed
        List<Path> assets = templates.assets();
        List<Object> assetsFrom = new java.util.ArrayList<>();
        for (Path asset : assets) {
            assetsFrom.add(List.of(asset.toString(), Files.size(asset), Files.getLastModifiedTime(asset)));
        }
        assetsFrom.add(catalog.map().shown());
        if (!assetsFrom.equals(assetsWrittenFrom)) {
            for (Path asset : assets) {
                store.put("assets/" + asset.getFileName(), asset, ObjectInfo.changing(contentType(asset.getFileName().toString())));
            }
            if (catalog.map().shown()) {
                for (Path asset : LeafletAssets.files()) {
                    store.put("assets/leaflet/" + asset.getFileName(), asset,
                            ObjectInfo.changing(contentType(asset.getFileName().toString())));
                }
            }
            assetsWrittenFrom = assetsFrom;
        }
        java.time.Instant now = clock.instant();
        String theme = templates.version();
        CkanApi ckan = new CkanApi(catalog);
        List<DocumentsOf> due = new java.util.ArrayList<>();
        for (PublishedDataset d : datasets) {
            List<Object> from = List.of(catalog, d, Freshness.of(d.definition().updateFrequency(), d.modified(), now,
                    catalog.zone()).map(Object.class::cast).orElse("never due"), theme);
            if (!from.equals(datasetsWrittenFrom.get(d.definition().id()))) {
                due.add(() -> putDatasetDocuments(catalog, dcat, ckan, languages, d, from));
            }
        }
        inParallel(due);
        for (Department department : catalog.departments()) {
            putFeed("feeds/" + department.id() + ".atom",
                    out -> AtomFeed.department(catalog, department.id(), datasets, withdrawn, out));
            for (PageModels pages : languages) {
                putPage(pages.key("departments/" + department.id() + "/"), "department.ftlh",
                        pages.department(department, datasets));
            }
        }
        putFeed("feeds/all.atom", out -> AtomFeed.all(catalog, datasets, withdrawn, out));
        for (PageModels pages : languages) {
            putPage(pages.key("departments/"), "departments.ftlh", pages.departments(datasets));
            putPage(pages.key("about/"), "about.ftlh", pages.about());
        }
        for (var doc : ckan.lists(datasets).entrySet()) {
            putText(doc.getKey(), doc.getValue().toPrettyString(), "application/json");
        }
        putText(SearchIndex.KEY, new String(SearchIndex.of(catalog, datasets), StandardCharsets.UTF_8),
                "application/json");
        // the entry points harvesters and visitors start from, once everything they reach is there
        putText("data.json", new DataJson(catalog).catalog(datasets).toPrettyString(), "application/json");
        putCatalogPages(catalog, dcat, datasets);
        putXml("sitemap.xml", out -> Sitemap.write(catalog, datasets, out), "application/xml");
        putText("robots.txt", Sitemap.robots(catalog), "text/plain; charset=utf-8");
        for (PageModels pages : languages) {
            putPage(pages.key(""), "index.ftlh", pages.index(datasets));
        }
        LOG.info("Catalog rebuilt: {} published dataset(s) in {}", datasets.size(), store.describe());
    }

    /** A dataset's own documents, to be written. */
    private interface DocumentsOf {
        void put() throws IOException;
    }

    /**
     * A dataset's own documents, each after the ones it links: its DCAT (three syntaxes), its CKAN package,
     * its feed, then its page in every language; remembered as written from {@code from}.
     */
    private void putDatasetDocuments(io.hiraku.schema.CatalogDefinition catalog, DcatCatalog dcat, CkanApi ckan,
                                     List<PageModels> languages, PublishedDataset d, List<Object> from)
            throws IOException {
        String id = d.definition().id();
        datasetsWrittenFrom.remove(id);
        org.apache.jena.rdf.model.Model model = dcat.datasetModel(d);
        String iri = io.hiraku.publish.DatasetIris.dataset(catalog, id);
        List<Object> adviceKey = List.of(catalog, d);
        List<String> advice = adviceCache.get(adviceKey);
        if (advice == null) {
            advice = DcatGate.advice(model, iri); // outside the cache's lock: other datasets' writers go on
            adviceCache.put(adviceKey, advice);
        }
        MqaScore mqa = MqaScore.ofPublished(catalog, d, model);
        mqa.addTo(model, iri);
        com.fasterxml.jackson.databind.JsonNode profile = new PublishedDatasets(store).profile(id);
        putRdf("datasets/" + id + "/dataset", model);
        putText(CkanApi.packageKey(id), ckan.packageShow(d).toPrettyString(), "application/json");
        putFeed("datasets/" + id + "/feed.atom", out -> AtomFeed.dataset(catalog, d, out));
        for (PageModels pages : languages) {
            putPage(pages.key("datasets/" + id + "/"), "dataset.ftlh", pages.dataset(d, advice, profile, mqa));
        }
        datasetsWrittenFrom.put(id, from);
    }

    /**
     * Runs the datasets' writes {@value #DATASET_WRITERS} at a time (one alone in the caller's thread): a
     * full rebuild of a thousand datasets is mostly waiting for the store (a forced write to disk, a
     * request to S3) and, between those waits, RDF and pages to make, which both cores can share. Returns
     * when every write ended; the first failure is thrown as it was (a store that cannot take objects
     * stays a {@link io.hiraku.publish.StoreUnavailableException}), the writes not yet started are dropped.
     */
    private static void inParallel(List<DocumentsOf> writes) throws IOException {
        if (writes.size() <= 1) {
            for (DocumentsOf write : writes) {
                write.put();
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(DATASET_WRITERS, writes.size()), runnable -> {
                    Thread thread = new Thread(runnable, "catalog-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        java.util.Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap(); // the drop the log names
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (DocumentsOf write : writes) {
                running.add(pool.submit(() -> {
                    if (logContext != null) {
                        org.slf4j.MDC.setContextMap(logContext);
                    }
                    write.put();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> write : running) {
                write.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("catalog rebuild interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * After a dataset was withdrawn and the catalog rebuilt without it: its page (in every language) says
     * that it was withdrawn, when and why, and lists its releases, and so does its feed; its other catalog
     * documents (DCAT, CKAN package) are deleted. The page stays at the dataset's address, so links to it are
     * not broken.
     */
    public synchronized void withdrawn(io.hiraku.schema.CatalogDefinition catalog,
                                       io.hiraku.schema.DatasetDefinition dataset) throws IOException {
        String id = dataset.id();
        Files.createDirectories(scratch);
        datasetsWrittenFrom.remove(id);
        WithdrawnDataset gone = new WithdrawnDataset(dataset, new PublishedDatasets(store).history(id));
        for (PageModels pages : pageModels(catalog)) {
            putPage(pages.key("datasets/" + id + "/"), "withdrawn.ftlh", pages.withdrawn(gone));
        }
        for (DcatCatalog.Syntax syntax : DcatCatalog.Syntax.values()) {
            store.delete("datasets/" + id + "/dataset." + syntax.extension());
        }
        store.delete(CkanApi.packageKey(id));
        // its feed's last word: each release's entry again, saying it was withdrawn and why
        putFeed("datasets/" + id + "/feed.atom", out -> AtomFeed.withdrawn(catalog, gone, out));
        LOG.info("Dataset {} withdrawn: its page says so; its catalog documents are deleted", id);
    }

    /** The page models of each catalog language, the first language first (it lives at the site root). */
    private List<PageModels> pageModels(io.hiraku.schema.CatalogDefinition catalog) throws IOException {
        java.util.Map<String, Messages> wording = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        for (String language : catalog.languages()) {
            Messages t = templates.messages(language);
            wording.put(language, t);
            names.put(language, t.get("language.name"));
        }
        java.time.Instant now = clock.instant();
        return wording.values().stream().map(t -> new PageModels(catalog, now, t, names)).toList();
    }

    private void putPage(String key, String template, java.util.Map<String, Object> model) throws IOException {
        putText(key, templates.render(template, model), "text/html; charset=utf-8");
    }

    /** Writes an XML document to a stream. */
    private interface XmlWriter {
        void write(java.io.OutputStream out) throws javax.xml.stream.XMLStreamException;
    }

    private void putFeed(String key, XmlWriter feed) throws IOException {
        putXml(key, feed, "application/atom+xml");
    }

    private void putXml(String key, XmlWriter document, String contentType) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            document.write(bytes);
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException(key + " could not be written", e);
        }
        putText(key, bytes.toString(StandardCharsets.UTF_8), contentType);
    }

    /** A graph in every syntax crawlers ask for: {@code <name>.ttl}, {@code .rdf}, {@code .jsonld}. */
    private void putRdf(String name, org.apache.jena.rdf.model.Model model) throws IOException {
        for (DcatCatalog.Syntax syntax : DcatCatalog.Syntax.values()) {
            putRdf(name + "." + syntax.extension(), syntax, model);
        }
    }

    /**
     * The catalog's pages in every syntax (each page's graph built once, its paging links added per
     * syntax), then the removal of pages left from a larger catalog.
     */
    private void putCatalogPages(io.hiraku.schema.CatalogDefinition catalog, DcatCatalog dcat, List<PublishedDataset> datasets)
            throws IOException {
        int pages = dcat.pages(datasets.size());
        for (int page = 1; page <= pages; page++) {
            List<Object> from = List.of(catalog, List.copyOf(dcat.onPage(datasets, page)), pages);
            if (from.equals(pagesWrittenFrom.get(page))) {
                continue;
            }
            pagesWrittenFrom.remove(page);
            org.apache.jena.rdf.model.Model content = dcat.page(datasets, page);
            for (DcatCatalog.Syntax syntax : DcatCatalog.Syntax.values()) {
                org.apache.jena.rdf.model.Model view = dcat.pagingView(datasets.size(), page, syntax);
                content.add(view);
                putRdf(DcatCatalog.pageKey(page, syntax), syntax, content);
                content.remove(view);
            }
            pagesWrittenFrom.put(page, from);
        }
        pagesWrittenFrom.keySet().removeIf(page -> page > pages);
        for (DcatCatalog.Syntax syntax : DcatCatalog.Syntax.values()) {
            for (int stale = pages + 1; store.exists(DcatCatalog.pageKey(stale, syntax)); stale++) {
                store.delete(DcatCatalog.pageKey(stale, syntax));
            }
        }
    }

    private void putRdf(String key, DcatCatalog.Syntax syntax, org.apache.jena.rdf.model.Model model) throws IOException {
        Path file = Files.createTempFile(scratch, "rdf", "." + syntax.extension());
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                syntax.write(model, out);
            }
            store.put(key, file, ObjectInfo.changing(syntax.contentType()));
            LOG.debug("Stored {}", key);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void putText(String key, String text, String contentType) throws IOException {
        Path file = Files.createTempFile(scratch, "page", ".tmp");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            store.put(key, file, ObjectInfo.changing(contentType));
            LOG.debug("Stored {}", key);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String contentType(String name) {
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.indexOf('.') < 0) {
            return "text/plain; charset=utf-8"; // LICENSE
        }
        return "application/octet-stream";
    }
}
