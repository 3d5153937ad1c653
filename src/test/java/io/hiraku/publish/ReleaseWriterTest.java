package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release gets its formats by size: a small one every format (GeoJSON too, for a table of places), a large one
 * its RDF once, as gzipped N-Triples, and no GeoJSON.
 */
class ReleaseWriterTest {
    private static final int ROWS = 3_000;
    @TempDir
    Path dir;

    private Definitions definitions() throws Exception {
        Files.writeString(io.hiraku.Fixtures.cityCatalog(dir.resolve("catalog")).resolve("shops.yaml"), """
                title: 店舗
                description: 市内の店舗
                schema:
                  primaryKey: [code]
                  fields:
                    - {name: code, type: string}
                    - {name: 名称, type: string}
                    - {name: area, type: number}
                    - {name: opened, type: date}
                    - {name: latitude, type: number}
                    - {name: longitude, type: number}
                """);
        return new DefinitionLoader().load(dir.resolve("catalog"));
    }

    private StagedRelease write(FormatSizes sizes) throws Exception {
        Definitions definitions = definitions();
        DatasetDefinition shops = definitions.dataset("shops").orElseThrow();
        try (ReleaseWriter writer = new ReleaseWriter(definitions.catalog(), shops, dir.resolve("staging"),
                Instant.parse("2026-11-27T00:00:00Z")).sizes(sizes)) {
            for (int r = 1; r <= ROWS; r++) {
                writer.accept(r, new Object[] {"S-" + r, "店舗 \"" + r + "\"", new BigDecimal(r + ".5"),
                        LocalDate.of(2000, 1, 1).plusDays(r), new BigDecimal("34.3" + r), new BigDecimal("134.0" + r)});
            }
            return writer.finish(new Original("city", "shops.csv", 1, "00", "UTF-8", null));
        }
    }

    private static List<String> names(StagedRelease release) {
        return release.dataFiles().stream().map(PublishedFile::name).toList();
    }

    @Test
    void aSmallReleaseGetsEveryFormat() throws Exception {
        StagedRelease release = write(FormatSizes.ofMegabytes(8, 64, 64, 64));
        assertThat(names(release)).containsExactlyInAnyOrder("shops.csv", "shops-excel.csv", "shops.json", "shops.geojson",
                "shops.ttl", "shops.nt");
        Model nt = RDFDataMgr.loadModel(release.directory().resolve("shops.nt").toString(), Lang.NTRIPLES);
        Model ttl = RDFDataMgr.loadModel(release.directory().resolve("shops.ttl").toString(), Lang.TURTLE);
        assertThat(nt.size()).isEqualTo(ROWS * 7L);
        assertThat(ttl.isIsomorphicWith(nt)).isTrue();
    }

    @Test
    void aLargeReleasesRdfIsItsNTriplesGzippedAlone() throws Exception {
        // about 190 bytes of N-Triples a triple: 21,000 triples are some 4 MB; some 600 KB of GeoJSON
        StagedRelease release = write(new FormatSizes(100_000, 400_000, 200_000, 300_000));
        assertThat(names(release)).containsExactlyInAnyOrder("shops.csv", "shops-excel.csv", "shops.json", "shops.nt.gz");
        try (var files = Files.list(release.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the given-up files are not left behind").doesNotContain("shops.nt", "shops.ttl", "shops.geojson");
        }
        Model nt = ModelFactory.createDefaultModel();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(release.directory().resolve("shops.nt.gz")))) {
            RDFDataMgr.read(nt, in, Lang.NTRIPLES);
        }
        assertThat(nt.size()).isEqualTo(ROWS * 7L);
        String sums = Files.readString(release.checksums().path(), StandardCharsets.US_ASCII);
        assertThat(sums).contains(Sha256.of(release.directory().resolve("shops.nt.gz")) + "  shops.nt.gz")
                .doesNotContain("shops.nt\n", "shops.ttl", "shops.geojson");
        assertThat(Files.readString(release.dataPackage().path())).contains("shops.nt.gz")
                .doesNotContain("\"shops.nt\"", "shops.ttl", "shops.geojson");
    }
}
