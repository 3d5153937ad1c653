package io.hiraku.app;

import io.hiraku.catalog.FileStamps;
import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the catalog in the store was last rebuilt from in full, kept in the work folder ({@code catalog-rebuilt}):
 * a sha256 of Hiraku's code, its settings, the catalog folder (definitions, {@code catalog.yaml}, the site's theme)
 * and the day in the catalog's time zone (which datasets are overdue), and the stored {@code data.json} it wrote
 * (a store emptied or put back since has not). A start that finds the same, with no drop in the journal, leaves
 * the catalog as it is instead of rebuilding it whole: for a large catalog that is half a minute, and every
 * catalog object put again, at each start; a {@code publish --once} run from cron with nothing to
 * publish then costs nearly nothing.
 *
 * <p>Whatever changes the store forgets it first (a publication, a withdrawal, a prune, a rebuild itself), and a
 * complete rebuild records it again, so a process stopped half-way leaves none and the next start rebuilds. What
 * is changed in the store by other hands is not seen: delete the file to have the next start rebuild the catalog.
 */
final class CatalogRebuilt {
    static final String FILE = "catalog-rebuilt";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CatalogRebuilt.class);
    private final Path file;

    CatalogRebuilt(Path work) {
        this.file = work.resolve(FILE);
    }

    /**
     * What a rebuild now would be made from (read before it starts: an edit made while it runs is one it may have
     * missed, and counts as a change at the next start).
     */
    static String inputs(Settings settings, Path catalogDir, LocalDate day) throws IOException {
        StringBuilder all = new StringBuilder("code ").append(CodeVersion.stamp()).append('\n');
        new TreeMap<>(settings.all()).forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        for (Map.Entry<String, String> f : FileStamps.of(catalogDir).entrySet()) {
            all.append(f.getKey()).append(' ').append(f.getValue()).append('\n');
        }
        all.append("day ").append(day).append('\n');
        return Sha256.of(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the last full rebuild was made from these inputs and nothing changed the store since. */
    boolean isCurrent(String inputs) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).strip().equals(inputs);
        } catch (IOException e) {
            return false;
        }
    }

    /** The store is about to change: until a complete rebuild, the next start rebuilds. */
    void forget() throws IOException {
        if (Files.deleteIfExists(file)) {
            DurableFiles.forceFolder(file.getParent());
        }
    }

    /** A complete rebuild made from these inputs. */
    void record(String inputs) {
        try {
            DurableFiles.write(file, (inputs + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // only the next start's rebuild is at stake, which then happens
            LOG.debug("{} could not be written: {}", file, e.getMessage());
        }
    }

    /** Hiraku's code as built: the jar's (or the classes folder's) size and time, which a new build changes. */
    static final class CodeVersion {
        private static String stamp;

        private CodeVersion() {
        }

        static synchronized String stamp() throws IOException {
            if (stamp == null) {
                try {
                    Path code = Path.of(CatalogRebuilt.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    stamp = Files.isDirectory(code)
                            ? code + " " + Sha256.of(FileStamps.of(code).toString().getBytes(StandardCharsets.UTF_8))
                            : code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
                } catch (java.net.URISyntaxException | RuntimeException e) {
                    stamp = "unknown " + System.nanoTime();   // never the same twice: always rebuilt
                }
            }
            return stamp;
        }
    }
}
