package io.hiraku.app;

import io.hiraku.catalog.FileStamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open-data team's edits of the catalog folder while {@code run} runs (a dataset's title or keywords,
 * {@code catalog.yaml}, the site's templates and wording, a definition a department dropped): at each look
 * (route {@code catalog-edits}), a folder that changed since the last look has the catalog rebuilt, so the
 * published pages and metadata follow without a drop or a restart. A rebuild that fails is tried again at the
 * next look; one the catalog's definition stops (a {@code catalog.yaml} that does not load) is said once and
 * waits for the next edit. A department added to {@code catalog.yaml} gets its drop folder. Data follow a changed schema only
 * when published again ({@code hiraku republish}).
 */
public final class CatalogEdits {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogEdits.class);

    private final CatalogSource catalog;
    private final Path catalogDir;
    private final Workspace workspace;
    private final Publications publications;
    private SortedMap<String, String> rebuiltFrom;

    /** The folder as it is now is the one the start-up rebuild reads. */
    public CatalogEdits(CatalogSource catalog, Workspace workspace, Publications publications) throws IOException {
        this.catalog = catalog;
        this.catalogDir = catalog.directory();
        this.workspace = workspace;
        this.publications = publications;
        this.rebuiltFrom = FileStamps.of(catalogDir);
    }

    /** Rebuilds the catalog if a file was edited, added or removed since the last rebuild. */
    public synchronized void rebuildIfEdited() throws IOException {
        SortedMap<String, String> now = FileStamps.of(catalogDir);
        if (now.equals(rebuiltFrom)) {
            return;
        }
        List<String> edited = new ArrayList<>();
        for (String file : union(now, rebuiltFrom)) {
            if (!java.util.Objects.equals(now.get(file), rebuiltFrom.get(file))) {
                edited.add(file);
            }
        }
        LOG.info("The catalog folder {} changed ({}): rebuilding the catalog", catalogDir,
                edited.size() > 5 ? String.join(", ", edited.subList(0, 5)) + " and " + (edited.size() - 5) + " more"
                        : String.join(", ", edited));
        try {
            newDepartments();
            publications.rebuildCatalog();
        } catch (io.hiraku.schema.DefinitionException e) {
            // an edit that breaks catalog.yaml: said once, not at every look, until the folder changes again
            LOG.warn("The catalog was not rebuilt: {}. The published catalog stays as it was until the file is "
                    + "fixed (`hiraku status` lists it too)", e.getMessage());
        }
        rebuiltFrom = now;
    }

    /** A department added to catalog.yaml gets its drop folder at once, as the departments there at start did. */
    private void newDepartments() throws IOException {
        for (io.hiraku.schema.Department department : catalog.loadSchemas().catalog().departments()) {
            Path folder = workspace.ingest().resolve(department.id());
            if (!Files.isDirectory(folder)) {
                workspace.create(List.of(department.id()));
                LOG.info("Drop folder of the new department {} made: {}", department.id(), folder);
            }
        }
    }

    private static TreeSet<String> union(SortedMap<String, String> a, SortedMap<String, String> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
