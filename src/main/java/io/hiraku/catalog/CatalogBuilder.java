package io.hiraku.catalog;

import io.hiraku.publish.ObjectInfo;
import io.hiraku.publish.ObjectStore;
import io.hiraku.schema.Definitions;
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

    private final ObjectStore store;
    private final SiteTemplates templates;
    private final Path scratch;

    public CatalogBuilder(ObjectStore store, SiteTemplates templates, Path scratch) {
        this.store = store;
        this.templates = templates;
        this.scratch = scratch;
    }

    public void rebuild(Definitions definitions) throws IOException {
        List<PublishedDataset> datasets = new PublishedDatasets(store).all(definitions);
        PageModels pages = new PageModels(definitions.catalog());
        Files.createDirectories(scratch);
        for (PublishedDataset d : datasets) {
            putText("datasets/" + d.definition().id() + "/index.html",
                    templates.render("dataset.ftlh", pages.dataset(d)), "text/html; charset=utf-8");
            java.io.ByteArrayOutputStream feed = new java.io.ByteArrayOutputStream();
            try {
                AtomFeed.write(definitions.catalog(), d, feed);
            } catch (javax.xml.stream.XMLStreamException e) {
                throw new IOException("the Atom feed of " + d.definition().id() + " could not be written", e);
            }
            putText("datasets/" + d.definition().id() + "/feed.atom", feed.toString(StandardCharsets.UTF_8),
                    "application/atom+xml");
        }
        for (Path asset : templates.assets()) {
            store.put("assets/" + asset.getFileName(), asset, ObjectInfo.changing(contentType(asset.getFileName().toString())));
        }
        DcatCatalog dcat = new DcatCatalog(definitions.catalog());
        for (PublishedDataset d : datasets) {
            putRdf("datasets/" + d.definition().id() + "/dataset", dcat.datasetModel(d));
        }
        putRdf("catalog", dcat.model(datasets));
        for (var doc : new CkanApi(definitions.catalog()).documents(datasets).entrySet()) {
            putText(doc.getKey(), doc.getValue().toPrettyString(), "application/json");
        }
        putText("data.json", new DataJson(definitions.catalog()).catalog(datasets).toPrettyString(), "application/json");
        java.io.ByteArrayOutputStream sitemap = new java.io.ByteArrayOutputStream();
        try {
            Sitemap.write(definitions.catalog(), datasets, sitemap);
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("the sitemap could not be written", e);
        }
        putText("sitemap.xml", sitemap.toString(StandardCharsets.UTF_8), "application/xml");
        putText("robots.txt", Sitemap.robots(definitions.catalog()), "text/plain; charset=utf-8");
        putText("index.html", templates.render("index.ftlh", pages.index(datasets)), "text/html; charset=utf-8");
        LOG.info("Catalog rebuilt: {} published dataset(s) in {}", datasets.size(), store.describe());
    }

    /** A graph in every syntax crawlers ask for: {@code <name>.ttl}, {@code .rdf}, {@code .jsonld}. */
    private void putRdf(String name, org.apache.jena.rdf.model.Model model) throws IOException {
        for (DcatCatalog.Syntax syntax : DcatCatalog.Syntax.values()) {
            Path file = Files.createTempFile(scratch, "rdf", "." + syntax.extension());
            try {
                try (OutputStream out = Files.newOutputStream(file)) {
                    syntax.write(model, out);
                }
                store.put(name + "." + syntax.extension(), file, ObjectInfo.changing(syntax.contentType()));
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private void putText(String key, String text, String contentType) throws IOException {
        Path file = Files.createTempFile(scratch, "page", ".tmp");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            store.put(key, file, ObjectInfo.changing(contentType));
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
        return "application/octet-stream";
    }
}
