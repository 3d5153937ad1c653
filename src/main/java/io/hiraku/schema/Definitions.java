package io.hiraku.schema;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded catalog: its definition and every dataset definition, by id, and the dataset definitions
 * that could not be loaded. A broken definition stops only its own dataset: its drops are refused with
 * the problem, while every other dataset goes on.
 */
public final class Definitions {
    private final CatalogDefinition catalog;
    private final Map<String, DatasetDefinition> datasets;
    private final List<BrokenDefinition> broken;

    /** A dataset definition file that could not be loaded, and why. */
    public record BrokenDefinition(String department, String id, String file, String problem) {
    }

    Definitions(CatalogDefinition catalog, Map<String, DatasetDefinition> datasets, List<BrokenDefinition> broken) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.broken = List.copyOf(broken);
    }

    /** The same definitions published under another base URL (the configured one wins over catalog.yaml). */
    public Definitions withBaseUrl(String baseUrl) {
        return new Definitions(catalog.withBaseUrl(baseUrl), datasets, broken);
    }

    /** The same definitions with one dataset moved to the broken ones (a check after loading failed). */
    public Definitions withBroken(DatasetDefinition dataset, String problem) {
        Map<String, DatasetDefinition> rest = new java.util.TreeMap<>(datasets);
        rest.remove(dataset.id());
        List<BrokenDefinition> all = new java.util.ArrayList<>(broken);
        all.add(new BrokenDefinition(dataset.department(), dataset.id(), dataset.definitionFile(), problem));
        return new Definitions(catalog, rest, all);
    }

    /**
     * These definitions if every one loaded; else the problems of the broken ones, as one error (for a
     * check of the whole catalog, where nothing may be left out).
     */
    public Definitions requireValid() {
        if (!broken.isEmpty()) {
            throw new DefinitionException(String.join("\n", broken.stream().map(BrokenDefinition::problem).toList()));
        }
        return this;
    }

    /** Dataset definitions that could not be loaded, of every department. */
    public List<BrokenDefinition> broken() {
        return broken;
    }

    /** The broken definition a dropped file was meant for: named like it, or in its department's folder. */
    public List<BrokenDefinition> broken(String department, String fileName) {
        String stem = stem(fileName);
        List<BrokenDefinition> named = broken.stream().filter(b -> b.department().equals(department))
                .filter(b -> stem.startsWith(b.id())).toList();
        return named.isEmpty() ? broken.stream().filter(b -> b.department().equals(department)).toList() : named;
    }

    public CatalogDefinition catalog() {
        return catalog;
    }

    public Collection<DatasetDefinition> datasets() {
        return datasets.values();
    }

    public Optional<DatasetDefinition> dataset(String id) {
        return Optional.ofNullable(datasets.get(id));
    }

    /**
     * The dataset of the department that a dropped file belongs to: the one named like the file
     * ({@code <id>.csv}) or whose {@code source.files} patterns match the file name.
     */
    public Optional<DatasetDefinition> forDrop(String department, String fileName) {
        return forDrops(department, fileName).stream().findFirst();
    }

    /**
     * Every dataset of the department that a dropped file feeds, in id order: usually one; several
     * when a workbook holds several tables, each with its own definition.
     */
    public List<DatasetDefinition> forDrops(String department, String fileName) {
        DatasetDefinition byName = datasets.get(stem(fileName));
        Path name = comparable(fileName);
        return datasets.values().stream()
                .filter(d -> d.department().equals(department))
                .filter(d -> d == byName || matchesAny(d.source().files(), name))
                .toList();
    }

    /** A dataset of another department that claims this file name (by id or by its files), to explain a refusal. */
    public Optional<DatasetDefinition> ownedElsewhere(String department, String fileName) {
        DatasetDefinition byName = datasets.get(stem(fileName));
        if (byName != null && !byName.department().equals(department)) {
            return Optional.of(byName);
        }
        Path name = comparable(fileName);
        return datasets.values().stream().filter(d -> !d.department().equals(department))
                .filter(d -> matchesAny(d.source().files(), name)).findFirst();
    }

    /**
     * The file name's stem as a dataset id would spell it: without the extension, in lower case, full-width
     * letters and digits as ASCII (NFKC), as a name typed on a Japanese keyboard may have them.
     */
    public static String stem(String fileName) {
        String name = comparableText(fileName);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** File names are compared as Windows shares and their users see them: case and width do not count. */
    public static String comparableText(String fileName) {
        return java.text.Normalizer.normalize(fileName, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static Path comparable(String fileName) {
        // NFKC turns a full-width solidus into "/": kept as one name, which no pattern matches
        return Path.of(comparableText(fileName).replace('/', '\uFF0F'));
    }

    private static boolean matchesAny(List<String> globs, Path name) {
        for (String glob : globs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT));
            if (matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
