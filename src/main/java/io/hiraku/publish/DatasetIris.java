package io.hiraku.publish;

import io.hiraku.schema.CatalogDefinition;

/** Stable HTTP IRIs and object-store keys, all derived from the base URL and the dataset id. */
public final class DatasetIris {
    private DatasetIris() {
    }

    public static String base(CatalogDefinition catalog) {
        String base = catalog.baseUrl() == null ? "http://localhost:8080" : catalog.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The dataset's IRI, e.g. {@code https://data.example.jp/datasets/aed}. */
    public static String dataset(CatalogDefinition catalog, String id) {
        return base(catalog) + "/datasets/" + id;
    }

    /** The store key prefix of a dataset's latest files. */
    public static String datasetKey(String id) {
        return "datasets/" + id + "/";
    }

    public static String downloadUrl(CatalogDefinition catalog, String id, String fileName) {
        return dataset(catalog, id) + "/" + fileName;
    }
}
