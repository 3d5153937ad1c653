package io.hiraku.schema;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The loaded catalog: its definition and every dataset definition, by id. */
public final class Definitions {
    private final CatalogDefinition catalog;
    private final Map<String, DatasetDefinition> datasets;

    Definitions(CatalogDefinition catalog, Map<String, DatasetDefinition> datasets) {
        this.catalog = catalog;
        this.datasets = datasets;
    }

    /** The same definitions published under another base URL (the configured one wins over catalog.yaml). */
    public Definitions withBaseUrl(String baseUrl) {
        return new Definitions(catalog.withBaseUrl(baseUrl), datasets);
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
        Path name = Path.of(fileName);
        return datasets.values().stream()
                .filter(d -> d.department().equals(department))
                .filter(d -> d == byName || matchesAny(d.source().files(), name))
                .toList();
    }

    /** A dataset of another department that claims this file name, to explain a refusal. */
    public Optional<DatasetDefinition> ownedElsewhere(String department, String fileName) {
        DatasetDefinition byName = datasets.get(stem(fileName));
        return byName != null && !byName.department().equals(department) ? Optional.of(byName) : Optional.empty();
    }

    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot > 0 ? fileName.substring(0, dot) : fileName).toLowerCase(Locale.ROOT);
    }

    private static boolean matchesAny(List<String> globs, Path name) {
        for (String glob : globs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
