package io.hiraku.app;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every subcommand takes; each maps to a {@code hiraku.*} key of application.properties. */
public final class CommonOptions {
    @Option(names = "--work", paramLabel = "DIR", description = "Work folder holding ingest/, archive/, rejected/ (default: target/hiraku/work)")
    String work;

    @Option(names = "--ingest", paramLabel = "DIR", description = "Drop folders, one per department (default: <work>/ingest)")
    String ingest;

    @Option(names = "--catalog", paramLabel = "DIR", description = "Catalog definition folder (default: catalog)")
    String catalog;

    @Option(names = "--store", paramLabel = "URI", description = "Object store: a folder path (default: target/hiraku/store)")
    String store;

    @Option(names = "--base-url", paramLabel = "URL", description = "Public base URL of the catalog (default: catalog.yaml's baseUrl)")
    String baseUrl;

    Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(Settings.WORK, work);
        o.put(Settings.INGEST, ingest);
        o.put(Settings.CATALOG, catalog);
        o.put(Settings.STORE, store);
        o.put(Settings.BASE_URL, baseUrl);
        return o;
    }

    Settings settings(Map<String, String> more) {
        Map<String, String> all = overrides();
        all.putAll(more);
        return Settings.load(all);
    }
}
