package io.hiraku;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Follows what a published catalog links, as a visitor or a harvester would, in a folder store. */
public final class CatalogLinks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENTRY_POINTS = List.of("index.html", "catalog.ttl", "data.json", "sitemap.xml");

    private CatalogLinks() {
    }

    /**
     * Every object reachable from the catalog's entry points (the index pages, catalog.ttl, data.json,
     * sitemap.xml), following page links and the RDF's downloads and landing pages, is in the store. A
     * page written but not yet linked (a new dataset's page while the catalog is being rebuilt) is not
     * part of the catalog yet, so its own links are not followed. @return the keys reached
     */
    public static Set<String> assertEveryLinkResolves(Path store, String base, String when) throws IOException {
        Set<String> seen = new HashSet<>();
        if (!Files.isDirectory(store)) {
            return seen;   // killed before anything was stored
        }
        Deque<String> toVisit = new ArrayDeque<>(ENTRY_POINTS);
        try (Stream<Path> languages = Files.list(store)) {
            languages.filter(p -> p.getFileName().toString().matches("[a-z]{2}"))
                    .filter(p -> Files.isRegularFile(p.resolve("index.html")))
                    .forEach(p -> toVisit.add(store.relativize(p) + "/index.html"));
        }
        while (!toVisit.isEmpty()) {
            String key = toVisit.removeFirst();
            if (!seen.add(key) || !Files.exists(store.resolve(key)) && isEntryPoint(key)) {
                continue;   // before the first catalog build there is no entry point yet
            }
            Path file = store.resolve(key);
            assertThat(file).as("%s (reached from the catalog), %s", key, when).isRegularFile();
            for (String url : links(file, key, base)) {
                if (url.startsWith(base)) {
                    String linked = URI.create(url).getPath().substring(1);
                    toVisit.add(linked.isEmpty() || linked.endsWith("/") ? linked + "index.html" : linked);
                }
            }
        }
        assertThat(seen).as("documents reached, %s", when).hasSizeGreaterThan(0);
        return seen;
    }

    private static boolean isEntryPoint(String key) {
        return ENTRY_POINTS.contains(key) || key.matches("[a-z]{2}/index\\.html");
    }

    /** The URLs a catalog document links: a page's links, the RDF's downloads and pages, the sitemap's pages. */
    private static List<String> links(Path file, String key, String base) throws IOException {
        List<String> urls = new ArrayList<>();
        if (key.endsWith(".html")) {
            Document html = Jsoup.parse(file.toFile(), "UTF-8", base + key);
            html.select("a[href], link[href]").forEach(a -> urls.add(a.absUrl("href")));
        } else if (key.endsWith(".ttl")) {
            Model model = ModelFactory.createDefaultModel();
            RDFParser.source(file).lang(org.apache.jena.riot.Lang.TURTLE).parse(model);
            for (String property : List.of("dcat#downloadURL", "dcat#accessURL", "dcat#landingPage")) {
                model.listObjectsOfProperty(model.createProperty("http://www.w3.org/ns/" + property))
                        .filterKeep(n -> n.isURIResource()).forEach(n -> urls.add(n.asResource().getURI()));
            }
        } else if (key.equals("data.json")) {
            JSON.readTree(file.toFile()).findValues("downloadURL").forEach(n -> urls.add(n.asText()));
        } else if (key.equals("sitemap.xml")) {
            Jsoup.parse(Files.readString(file), "", org.jsoup.parser.Parser.xmlParser()).select("loc")
                    .forEach(loc -> urls.add(loc.text()));
        }
        return urls;
    }
}
