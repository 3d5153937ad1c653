package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hiraku.publish.Sha256;
import io.hiraku.OfficialSchemas;
import io.hiraku.SchemaOrgCheck;
import io.hiraku.source.CharsetDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.Lang;
import org.apache.jena.vocabulary.RDF;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Boots the real application (Camel Main, the YAML routes of routes/, application.properties) on a
 * temporary work folder and store, drops the example files and a broken copy, waits for the routes
 * to finish them, and checks what each kind of user gets.
 */
class PipelineEndToEndTest extends CamelMainTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "http://data.example.test";

    // set on first use: the base class asks for the properties from its constructor
    private Path root;
    private Path work;
    private Path ingest;
    private Path store;

    private void createFolders() {
        if (root != null) {
            return;
        }
        try {
            root = Files.createTempDirectory("hiraku-e2e");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        work = root.resolve("work");
        ingest = work.resolve("ingest");
        store = root.resolve("store");
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(PipelineConfiguration.class);
        configuration.withRoutesIncludePattern(PipelineRunner.routesPattern());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        createFolders();
        Properties p = new Properties();
        p.put(Settings.WORK, work.toString());
        p.put(Settings.INGEST, ingest.toString());
        p.put(Settings.STORE, store.toString());
        p.put(Settings.BASE_URL, BASE);
        p.put(Settings.POLL_MS, "100");
        p.put(Settings.SETTLE_MS, "300");
        p.put(Settings.GZIP_NTRIPLES_MB, "0");
        return p;
    }

    @Test
    void dropsArePublishedOrRejectedWithReceipts() throws Exception {
        drop("takamatsu", Path.of("examples/takamatsu/0002_aed_sjis_2023-02-16.csv"), null);
        drop("takamatsu", Path.of("examples/takamatsu/0078_childcare_facilities.csv"), null);
        drop("yaizu", Path.of("examples/yaizu/222127_public_toilet.csv"), null);
        drop("yaizu", brokenToiletCopy(), "222127_public_toilet_broken.csv");
        awaitDropsEnded(4);

        // department staff: a receipt for every drop; the broken file is in rejected/ with its receipt
        JsonNode aedReceipt = receipt("takamatsu", "0002_aed_sjis_2023-02-16.csv");
        assertThat(aedReceipt.path("outcome").asText()).isEqualTo("published");
        assertThat(aedReceipt.path("report").path("encoding").asText()).isEqualTo("windows-31j");
        assertThat(receipt("takamatsu", "0078_childcare_facilities.csv").path("outcome").asText()).isEqualTo("published");
        JsonNode toiletsReceipt = receipt("yaizu", "222127_public_toilet.csv");
        assertThat(toiletsReceipt.path("outcome").asText()).isEqualTo("published");
        // a published receipt also says what DCAT-AP recommends that the definition lacks
        assertThat(toiletsReceipt.path("metadataAdvice")).extracting(JsonNode::asText).anyMatch(a -> a.contains("temporal"));
        // the receipt gives the EU MQA score the dataset will have, and what is not met
        assertThat(toiletsReceipt.path("metadataQuality").path("points").asInt()).isEqualTo(385);
        assertThat(toiletsReceipt.path("metadataQuality").path("unmet")).extracting(JsonNode::asText)
                .containsExactly("temporalAvailability 0/20");
        assertThat(Jsoup.parse(Files.readString(Path.of(toiletsReceipt.path("__file").asText())), "UTF-8")
                .select("ul.advice li").eachText()).anyMatch(a -> a.contains("対象期間"));
        // when it was received: in UTC for programs, in the catalog's time zone (Asia/Tokyo) for people
        java.time.Instant received = java.time.Instant.parse(toiletsReceipt.path("receivedAt").asText());
        java.time.OffsetDateTime local = java.time.OffsetDateTime.parse(toiletsReceipt.path("receivedAtLocal").asText());
        assertThat(local.toInstant()).isEqualTo(received);
        assertThat(local.getOffset()).isEqualTo(java.time.ZoneOffset.ofHours(9));
        assertThat(Jsoup.parse(Files.readString(Path.of(toiletsReceipt.path("__file").asText())), "UTF-8").text())
                .contains(local.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + " (UTC+09:00)");
        JsonNode broken = receipt("yaizu", "222127_public_toilet_broken.csv");
        assertThat(broken.path("outcome").asText()).isEqualTo("rejected");
        JsonNode error = broken.path("report").path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(6);
        assertThat(error.path("rowNumber").asLong()).isEqualTo(5);
        assertThat(error.path("column").asText()).isEqualTo("男性トイレ総数");
        assertThat(error.path("fieldName").asText()).isEqualTo("maleToilets");
        assertThat(error.path("cell").asText()).isEqualTo("たくさん");
        assertThat(broken.path("report").path("valid").asBoolean(true)).isFalse();
        assertThat(broken.path("report").path("errorTypes").path("type-integer").asLong()).isEqualTo(1);
        assertThat(broken.path("report").path("errorsByColumn").get(0).path("column").asText()).isEqualTo("男性トイレ総数");
        assertThat(Files.exists(work.resolve("rejected/yaizu/222127_public_toilet_broken.csv"))).isTrue();
        assertThat(listFiles(work.resolve("rejected/yaizu"))).anyMatch(p -> p.toString().endsWith(".html"));
        Document receiptPage = Jsoup.parse(Files.readString(
                Path.of(broken.path("__file").asText())), "UTF-8");
        assertThat(receiptPage.text()).contains("たくさん", "男性トイレ総数", "6");
        // each column's problems are named for the people fixing them, not by their code
        assertThat(receiptPage.select("table caption").eachText())
                .contains("整数として読めない値 / Values that are not whole numbers");
        // nothing was left in the drop folders but receipts; the archive holds every original, by sha256
        assertThat(listFiles(ingest).stream().filter(p -> !p.toString().contains("_receipts"))).isEmpty();
        for (String[] original : new String[][] {
                {"takamatsu", "examples/takamatsu/0002_aed_sjis_2023-02-16.csv"},
                {"takamatsu", "examples/takamatsu/0078_childcare_facilities.csv"},
                {"yaizu", "examples/yaizu/222127_public_toilet.csv"}}) {
            Path source = Path.of(original[1]);
            String sha = Sha256.of(source);
            Path archived = work.resolve("archive").resolve(original[0]).resolve(sha).resolve(source.getFileName());
            assertThat(archived).exists();
            assertThat(Sha256.of(archived)).isEqualTo(sha);
        }

        // developers: the CSV holds the source's decoded values, normalized
        List<CSVRecord> aed = readCsv(store.resolve("datasets/takamatsu-aed/takamatsu-aed.csv"));
        List<String[]> sourceRows = sourceRows(Path.of("examples/takamatsu/0002_aed_sjis_2023-02-16.csv"),
                CharsetDetector.CP932);
        assertThat(aed).hasSize(sourceRows.size());
        assertThat(aed.get(0).get("name")).isEqualTo(sourceRows.get(0)[1]);
        assertThat(aed).extracting(r -> r.get("name")).contains("株式会社穴吹工務店");
        assertThat(String.join("\n", aed.stream().map(r -> String.join(",", r.values())).toList())).contains("～");
        List<CSVRecord> childcare = readCsv(store.resolve(
                "datasets/takamatsu-childcare-facilities/takamatsu-childcare-facilities.csv"));
        assertThat(childcare.get(0).get("startDate")).isEqualTo("2017-01-06");  // H29.1.6
        assertThat(childcare).extracting(r -> r.get("startDate")).contains("2021-09-01"); // 9/1/2021
        assertThat(childcare.get(2).get("hoursSundayHoliday")).contains("\n");   // a line break inside a cell
        // typed JSON
        JsonNode toilets = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.json").toFile());
        assertThat(toilets).hasSize(112);
        JsonNode first = toilets.get(0);
        assertThat(first.path("id").isIntegralNumber()).isTrue();
        assertThat(first.path("latitude").isNumber()).isTrue();
        assertThat(first.path("wheelchairAccessible").isBoolean()).isTrue();
        assertThat(first.path("lgCode").isTextual()).isTrue();
        assertThat(first.path("nameEn").isNull()).isTrue();
        // datapackage.json passes the official Frictionless v2 JSON Schema and its hashes are right
        JsonNode dataPackage = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/datapackage.json").toFile());
        assertThat(frictionlessV2().validate(dataPackage)).isEmpty();
        for (JsonNode resource : dataPackage.path("resources")) {
            Path file = store.resolve("datasets/yaizu-public-toilets").resolve(resource.path("path").asText());
            assertThat(resource.path("hash").asText()).isEqualTo("sha256:" + Sha256.of(file));
            assertThat(resource.path("bytes").asLong()).isEqualTo(Files.size(file));
        }
        assertThat(Files.readString(store.resolve("datasets/yaizu-public-toilets/SHA256SUMS")))
                .contains(Sha256.of(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv"))
                        + "  yaizu-public-toilets.csv");
        // the Excel variant: a BOM, the Japanese titles as header, formulas neutralised
        byte[] excel = Files.readAllBytes(store.resolve("datasets/takamatsu-aed/takamatsu-aed-excel.csv"));
        assertThat(Arrays.copyOf(excel, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(excel, StandardCharsets.UTF_8)).startsWith("\uFEFF番号,名称,住所");
        // CSVW metadata, read as JSON-LD with the W3C context (local copy): columns, datatypes, the CSV it describes
        Model csvw = csvwGraph(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv-metadata.json"));
        assertThat(csvw.listObjectsOfProperty(csvw.createProperty("http://www.w3.org/ns/csvw#url")).toList())
                .extracting(Object::toString).anyMatch(u -> u.contains("yaizu-public-toilets.csv"));
        assertThat(csvw.listObjectsOfProperty(csvw.createProperty("http://www.w3.org/ns/csvw#datatype")).toList())
                .extracting(Object::toString).anyMatch(t -> t.contains("integer")).anyMatch(t -> t.contains("decimal"));

        // the N-Triples also come gzip-compressed (the threshold is 0 MB here)
        try (InputStream gz = new java.util.zip.GZIPInputStream(Files.newInputStream(
                store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.nt.gz")))) {
            assertThat(gz.readAllBytes()).isEqualTo(Files.readAllBytes(
                    store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.nt")));
        }

        // RDF: one resource per row, N-Triples and Turtle give the same graph
        Model rowsTtl = RDFDataMgr.loadModel(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.ttl").toString());
        Model rowsNt = RDFDataMgr.loadModel(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.nt").toString());
        assertThat(rowsTtl.isIsomorphicWith(rowsNt)).isTrue();
        assertThat(rowsTtl.listSubjects().toList()).hasSize(112);
        assertThat(rowsTtl.contains(rowsTtl.createResource(BASE + "/datasets/yaizu-public-toilets/rows/1"),
                rowsTtl.createProperty("http://schema.org/name"), "ふるさとの川瀬戸川便益施設")).isTrue();

        // crawlers: catalog.ttl parses and has the datasets and distributions with stable IRIs
        Model catalog = ModelFactory.createDefaultModel();
        RDFParser.source(store.resolve("catalog.ttl")).lang(Lang.TURTLE).parse(catalog);
        Resource distributionType = catalog.createResource("http://www.w3.org/ns/dcat#Distribution");
        assertThat(catalog.listObjectsOfProperty(catalog.createResource(BASE + "/catalog"),
                        catalog.createProperty("http://www.w3.org/ns/dcat#dataset")).mapWith(n -> n.asResource().getURI()).toList())
                .containsExactlyInAnyOrder(BASE + "/datasets/takamatsu-aed",
                        BASE + "/datasets/takamatsu-childcare-facilities", BASE + "/datasets/yaizu-public-toilets");
        assertThat(catalog.listSubjectsWithProperty(RDF.type, distributionType).mapWith(Resource::getURI).toList())
                // GeoJSON too for each of the three: each is a table of places
                .hasSize(18 + 3).contains(BASE + "/datasets/takamatsu-aed/distributions/csv",
                        BASE + "/datasets/takamatsu-aed/distributions/geojson",
                        BASE + "/datasets/takamatsu-aed/distributions/nt-gz",
                        BASE + "/datasets/takamatsu-aed/distributions/excel-csv");
        assertThat(catalog.contains(catalog.createResource(BASE + "/datasets/takamatsu-aed/distributions/csv"),
                catalog.createProperty("http://www.w3.org/ns/dcat#downloadURL"),
                catalog.createResource(BASE + "/datasets/takamatsu-aed/takamatsu-aed.csv"))).isTrue();

        assertThat(catalog.contains(catalog.createResource(BASE + "/datasets/takamatsu-aed/distributions/nt-gz"),
                catalog.createProperty("http://www.w3.org/ns/dcat#compressFormat"),
                catalog.createResource("https://www.iana.org/assignments/media-types/application/gzip"))).isTrue();
        // the places covered: the country from catalog.yaml and the municipality from its code
        // the places covered: the country from catalog.yaml, the municipality from its code, and the box the
        // AEDs are in (from the published GeoJSON's points)
        assertThat(catalog.listObjectsOfProperty(catalog.createResource(BASE + "/datasets/takamatsu-aed"),
                        org.apache.jena.vocabulary.DCTerms.spatial).mapWith(n -> n.asResource().getURI()).toList())
                .containsExactlyInAnyOrder("http://publications.europa.eu/resource/authority/country/JPN",
                        BASE + "/places/372013", BASE + "/datasets/takamatsu-aed#extent");
        java.math.BigDecimal[] box = {null, null, null, null};
        for (JsonNode feature : JSON.readTree(store.resolve("datasets/takamatsu-aed/takamatsu-aed.geojson").toFile())
                .path("features")) {
            java.math.BigDecimal lon = feature.path("geometry").path("coordinates").get(0).decimalValue();
            java.math.BigDecimal lat = feature.path("geometry").path("coordinates").get(1).decimalValue();
            box[0] = box[0] == null ? lon : box[0].min(lon);
            box[1] = box[1] == null ? lat : box[1].min(lat);
            box[2] = box[2] == null ? lon : box[2].max(lon);
            box[3] = box[3] == null ? lat : box[3].max(lat);
        }
        String west = box[0].toPlainString();
        String south = box[1].toPlainString();
        String east = box[2].toPlainString();
        String north = box[3].toPlainString();
        org.apache.jena.rdf.model.Literal bbox = catalog.getProperty(catalog.createResource(BASE + "/datasets/takamatsu-aed#extent"),
                catalog.createProperty("http://www.w3.org/ns/dcat#bbox")).getLiteral();
        assertThat(bbox.getDatatypeURI()).isEqualTo("http://www.opengis.net/ont/geosparql#wktLiteral");
        assertThat(bbox.getLexicalForm()).isEqualTo("POLYGON((" + west + " " + south + ", " + east + " " + south + ", "
                + east + " " + north + ", " + west + " " + north + ", " + west + " " + south + "))");
        assertThat(catalog.getProperty(catalog.createResource(BASE + "/places/372013"),
                catalog.createProperty("http://www.w3.org/2004/02/skos/core#prefLabel")).getString()).isEqualTo("香川県高松市");
        // and it passes the official DCAT-AP 3.0.1 SHACL shapes (shapes.ttl + range.ttl), with no violation
        org.apache.jena.shacl.ValidationReport shacl = org.apache.jena.shacl.ShaclValidator.get()
                .validate(dcatAp301Shapes(), catalog.getGraph());
        assertThat(shacl.getEntries()).as("DCAT-AP 3.0.1 violations").isEmpty();

        // the same graphs in RDF/XML and JSON-LD (context inline, so it parses offline), for the catalog and each dataset
        for (String document : List.of("catalog", "datasets/takamatsu-aed/dataset", "datasets/yaizu-public-toilets/dataset")) {
            Model turtle = RDFDataMgr.loadModel(store.resolve(document + ".ttl").toString());
            Model rdfXml = RDFDataMgr.loadModel(store.resolve(document + ".rdf").toString());
            Model jsonLd = RDFDataMgr.loadModel(store.resolve(document + ".jsonld").toString());
            assertThat(turtle.size()).as(document).isGreaterThan(50);
            assertThat(jsonLd.size()).as(document + " JSON-LD triples").isEqualTo(turtle.size());
            assertThat(turtle.isIsomorphicWith(rdfXml)).as(document + " RDF/XML").isTrue();
            assertThat(turtle.isIsomorphicWith(jsonLd)).as(document + " JSON-LD").isTrue();
        }

        // people: the index lists the three datasets, each page links its downloads
        Document index = Jsoup.parse(store.resolve("index.html").toFile(), "UTF-8");
        assertThat(index.select("ul.datasets h2 a").eachText())
                .containsExactlyInAnyOrder("AED設置箇所一覧（高松市）", "企業主導型保育施設一覧（高松市）", "公衆トイレ一覧（焼津市）");
        Document page = Jsoup.parse(store.resolve("datasets/takamatsu-aed/index.html").toFile(), "UTF-8");
        assertThat(page.select("table.downloads a").eachAttr("href")).contains(
                "../../datasets/takamatsu-aed/takamatsu-aed.csv", "../../datasets/takamatsu-aed/takamatsu-aed.json",
                "../../datasets/takamatsu-aed/takamatsu-aed.ttl");
        assertThat(page.select("table.downloads input.url").eachAttr("value")).contains(
                BASE + "/datasets/takamatsu-aed/takamatsu-aed.csv", BASE + "/datasets/takamatsu-aed/takamatsu-aed.json",
                BASE + "/datasets/takamatsu-aed/takamatsu-aed.ttl");

        // a page lists what DCAT-AP recommends and the metadata lacks (the toilets: their temporal coverage),
        // nothing it has (the AED list declares its temporal coverage, as dct:temporal and temporalCoverage)
        Document toiletsPage = Jsoup.parse(store.resolve("datasets/yaizu-public-toilets/index.html").toFile(), "UTF-8");
        assertThat(toiletsPage.select("ul.advice li").eachText()).anyMatch(line -> line.contains("temporal"))
                .noneMatch(line -> line.contains("spatial") || line.contains("keyword") || line.contains("availability"));
        assertThat(page.select("ul.advice li").eachText())
                .noneMatch(line -> line.contains("temporal") || line.contains("spatial") || line.contains("keyword"));
        Model aedGraph = RDFDataMgr.loadModel(store.resolve("datasets/takamatsu-aed/dataset.ttl").toString());
        // the EU MQA score, published as DQV and shown on the page: the AED list meets every indicator;
        // the toilets lack only a temporal coverage (20 points)
        assertThat(aedGraph.listObjectsOfProperty(aedGraph.createResource(BASE + "/datasets/takamatsu-aed#mqa-score"),
                aedGraph.createProperty("http://www.w3.org/ns/dqv#value")).toList())
                .extracting(n -> n.asLiteral().getInt()).containsExactly(405);
        assertThat(page.select("#mqa").text()).contains("405 / 405");
        assertThat(toiletsPage.select("#mqa").text()).contains("385 / 405");
        assertThat(toiletsPage.select("ul.mqa-unmet li").eachText()).containsExactly("対象期間 (0 / 20)");
        assertThat(aedGraph.listObjectsOfProperty(aedGraph.createResource(BASE + "/datasets/takamatsu-aed#temporal"),
                aedGraph.createProperty("http://www.w3.org/ns/dcat#startDate")).toList())
                .extracting(n -> n.asLiteral().getLexicalForm()).containsExactly("2023-02-16");
        assertThat(SchemaOrgCheck.graph(page).listObjectsOfProperty(
                SchemaOrgCheck.graph(page).createProperty("http://schema.org/temporalCoverage")).toList())
                .extracting(n -> n.asLiteral().getLexicalForm()).containsExactly("2023-02-16/..");

        // search engines: schema.org JSON-LD in every page, passing Google's required Dataset items
        for (String id : List.of("takamatsu-aed", "takamatsu-childcare-facilities", "yaizu-public-toilets")) {
            Document datasetPage = Jsoup.parse(store.resolve("datasets/" + id + "/index.html").toFile(), "UTF-8");
            Model schemaOrg = SchemaOrgCheck.graph(datasetPage);
            assertThat(SchemaOrgCheck.count(schemaOrg, "Dataset")).as(id).isEqualTo(1);
            assertThat(SchemaOrgCheck.count(schemaOrg, "DataDownload")).as(id).isEqualTo(7); // GeoJSON the 7th
            assertThat(SchemaOrgCheck.count(schemaOrg, "PropertyValue")).as(id)
                    .isEqualTo(JSON.readTree(store.resolve("datasets/" + id + "/datapackage.json").toFile())
                            .path("resources").get(0).path("schema").path("fields").size());
            assertThat(SchemaOrgCheck.googleRequiredViolations(schemaOrg)).as(id + " googleRequired").isEmpty();
            String description = schemaOrg.listObjectsOfProperty(schemaOrg.createProperty("http://schema.org/description"))
                    .next().asLiteral().getString();
            assertThat(description.codePointCount(0, description.length())).as(id).isBetween(50, 5000);
            // the municipality, and the box its places are in (each of the three is a table of places)
            assertThat(schemaOrg.listObjectsOfProperty(schemaOrg.createProperty("http://schema.org/spatialCoverage"))
                    .toList()).as(id).hasSize(2);
            String schemaOrgBox = schemaOrg.listObjectsOfProperty(schemaOrg.createProperty("http://schema.org/box"))
                    .toList().get(0).asLiteral().getString();
            assertThat(schemaOrgBox).as(id).matches("34\\.\\d+ 13\\d\\.\\d+ 34\\.\\d+ 13\\d\\.\\d+");
            if (id.equals("takamatsu-aed")) {
                // south-west corner, then north-east, latitude first
                assertThat(schemaOrgBox).isEqualTo(south + " " + west + " " + north + " " + east);
            }
        }
        Model dataCatalog = SchemaOrgCheck.graph(index);
        assertThat(SchemaOrgCheck.count(dataCatalog, "DataCatalog")).isEqualTo(1);
        assertThat(SchemaOrgCheck.count(dataCatalog, "Dataset")).isEqualTo(3);

        // crawlers: robots.txt points at the sitemap, which lists the index and every dataset page with its lastmod
        assertThat(Files.readAllLines(store.resolve("robots.txt"))).contains("Sitemap: " + BASE + "/sitemap.xml");
        Document sitemap = xml(store.resolve("sitemap.xml"));
        assertThat(sitemap.select("urlset > url > loc").eachText()).containsExactly(BASE + "/", BASE + "/en/",
                BASE + "/datasets/takamatsu-aed/", BASE + "/en/datasets/takamatsu-aed/",
                BASE + "/datasets/takamatsu-childcare-facilities/", BASE + "/en/datasets/takamatsu-childcare-facilities/",
                BASE + "/datasets/yaizu-public-toilets/", BASE + "/en/datasets/yaizu-public-toilets/",
                BASE + "/departments/", BASE + "/en/departments/",
                BASE + "/departments/takamatsu/", BASE + "/en/departments/takamatsu/",
                BASE + "/departments/yaizu/", BASE + "/en/departments/yaizu/",
                BASE + "/about/", BASE + "/en/about/");
        assertThat(sitemap.select("url:has(loc:matchesOwn(/en/datasets/takamatsu-aed/$)) > xhtml|link[hreflang]").eachAttr("href"))
                .as("each language version links the others").containsExactly(BASE + "/datasets/takamatsu-aed/",
                        BASE + "/en/datasets/takamatsu-aed/");
        for (String loc : sitemap.select("urlset > url > loc").eachText()) {
            assertThat(store.resolve(loc.substring(BASE.length() + 1) + "index.html")).as(loc).exists();
        }
        assertThat(sitemap.select("url:has(loc:matchesOwn(/datasets/yaizu-public-toilets/$)) > lastmod").first().text())
                .isEqualTo(JSON.readTree(store.resolve("datasets/yaizu-public-toilets/releases.json").toFile())
                        .get(0).path("created").asText());

        // DCAT-US harvesters: data.json, valid against the Project Open Data 1.1 schema
        JsonNode dataJson = JSON.readTree(store.resolve("data.json").toFile());
        assertThat(dataJson.path("dataset")).hasSize(3);
        assertThat(dataJson.path("dataset").get(0).path("contactPoint").path("hasEmail").asText()).startsWith("mailto:");
        assertThat(OfficialSchemas.DCAT_US.errors("catalog", dataJson)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) dataJson.path("dataset").get(0)).remove("keyword");
        assertThat(OfficialSchemas.DCAT_US.errors("catalog", dataJson)).as("a dataset without keywords").isNotEmpty();

        // CKAN clients: the action API's answers at its paths, valid against the CKAN response schemas
        Path api = store.resolve("api/3/action");
        JsonNode packageList = JSON.readTree(api.resolve("package_list").toFile());
        assertThat(packageList.path("result")).extracting(JsonNode::asText)
                .containsExactly("takamatsu-aed", "takamatsu-childcare-facilities", "yaizu-public-toilets");
        assertThat(OfficialSchemas.CKAN.errors("package_list", packageList)).isEmpty();
        JsonNode search = JSON.readTree(api.resolve("package_search").toFile());
        assertThat(search.path("result").path("count").asInt()).isEqualTo(3);
        assertThat(search.path("result").path("results")).hasSize(3);
        assertThat(OfficialSchemas.CKAN.errors("package_search", search)).isEmpty();
        JsonNode organizations = JSON.readTree(api.resolve("organization_list").toFile());
        assertThat(organizations.path("result")).extracting(JsonNode::asText).contains("takamatsu", "yaizu");
        assertThat(OfficialSchemas.CKAN.errors("organization_list", organizations)).isEmpty();
        JsonNode current = JSON.readTree(api.resolve("current_package_list_with_resources").toFile());
        assertThat(current.path("result")).hasSize(3);
        for (JsonNode pkg : current.path("result")) {
            com.fasterxml.jackson.databind.node.ObjectNode asShow = JSON.createObjectNode();
            asShow.put("help", current.path("help").asText()).put("success", true).set("result", pkg);
            assertThat(OfficialSchemas.CKAN.errors("package_show", asShow)).as(pkg.path("name").asText()).isEmpty();
        }
        JsonNode show = JSON.readTree(api.resolve("package_show/takamatsu-aed").toFile());
        assertThat(OfficialSchemas.CKAN.errors("package_show", show)).isEmpty();
        JsonNode csvResource = show.path("result").path("resources").get(0);
        assertThat(csvResource.path("url").asText()).isEqualTo(BASE + "/datasets/takamatsu-aed/takamatsu-aed.csv");
        assertThat(csvResource.path("hash").asText()).isEqualTo("sha256:" + Sha256.of(
                store.resolve("datasets/takamatsu-aed/takamatsu-aed.csv")));
        assertThat(show.path("result").path("organization").path("name").asText()).isEqualTo("takamatsu");
        // the schemas do catch a broken answer
        ((com.fasterxml.jackson.databind.node.ObjectNode) show.path("result")).put("id", "takamatsu-aed");
        assertThat(OfficialSchemas.CKAN.errors("package_show", show)).isNotEmpty();
    }

    @Test
    void theSameBytesDroppedTwiceGiveOneRelease() throws Exception {
        drop("yaizu", Path.of("examples/yaizu/222127_public_toilet.csv"), null);
        awaitDropsEnded(1);
        String release = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/datapackage.json").toFile())
                .path("hiraku").path("release").asText();
        drop("yaizu", Path.of("examples/yaizu/222127_public_toilet.csv"), "222127_public_toilet_again.csv");
        awaitDropsEnded(2);
        assertThat(receipt("yaizu", "222127_public_toilet_again.csv").path("outcome").asText()).isEqualTo("unchanged");
        assertThat(JSON.readTree(store.resolve("datasets/yaizu-public-toilets/datapackage.json").toFile())
                .path("hiraku").path("release").asText()).isEqualTo(release);
    }

    @Test
    void aSecondReleaseKeepsTheFirstAndSaysWhatChanged() throws Exception {
        drop("yaizu", Path.of("examples/yaizu/222127_public_toilet.csv"), null);
        awaitDropsEnded(1);
        JsonNode first = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/datapackage.json").toFile());
        String release1 = first.path("hiraku").path("release").asText();
        Path release1Csv = store.resolve("datasets/yaizu-public-toilets/releases/" + release1 + "/yaizu-public-toilets.csv");
        String release1Sha = Sha256.of(release1Csv);

        // the department's next file: toilet 2 has a new 男性トイレ総数, toilet 3 is gone, toilet 999 is new
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("examples/yaizu/222127_public_toilet.csv"),
                StandardCharsets.UTF_8));
        String[] second = lines.get(2).split(",", -1);
        second[19] = "9";
        lines.set(2, String.join(",", second));
        lines.remove(3);
        String[] added = lines.get(1).split(",", -1);
        added[1] = "999";
        added[3] = "新しいトイレ";
        lines.add(String.join(",", added));
        Path next = root.resolve("next.csv");
        Files.write(next, lines, StandardCharsets.UTF_8);
        drop("yaizu", next, "222127_public_toilet.csv");
        awaitDropsEnded(2);

        JsonNode changes = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/changes.json").toFile());
        assertThat(changes.path("previousRelease").asText()).isEqualTo(release1);
        assertThat(changes.path("added").asLong()).isEqualTo(1);
        assertThat(changes.path("removed").asLong()).isEqualTo(1);
        assertThat(changes.path("changed").asLong()).isEqualTo(1);
        assertThat(changes.path("changedExamples").get(0).path("key").asText()).isEqualTo("2");
        assertThat(changes.path("changedExamples").get(0).path("columns").path("maleToilets").get(1).asText()).isEqualTo("9");
        JsonNode history = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/releases.json").toFile());
        assertThat(history).hasSize(2);
        String release2 = history.get(0).path("release").asText();
        assertThat(history.get(1).path("release").asText()).isEqualTo(release1);
        assertThat(history.get(0).path("summary").asText()).isEqualTo("1 added, 1 removed, 1 changed");
        assertThat(history.get(0).path("changes").path("added").asLong()).isEqualTo(1);
        assertThat(history.get(0).path("changes").path("removed").asLong()).isEqualTo(1);
        assertThat(history.get(0).path("changes").path("changed").asLong()).isEqualTo(1);
        assertThat(history.get(1).has("changes")).isFalse();
        // the first release is untouched; the latest is the second
        assertThat(Sha256.of(release1Csv)).isEqualTo(release1Sha);
        assertThat(Sha256.of(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv"))).isNotEqualTo(release1Sha);
        assertThat(store.resolve("datasets/yaizu-public-toilets/releases/" + release2 + "/changes.json")).exists();
        // DCAT: version, notes, and links between the releases; still valid DCAT-AP
        Model catalog = ModelFactory.createDefaultModel();
        RDFParser.source(store.resolve("catalog.ttl")).lang(Lang.TURTLE).parse(catalog);
        Resource dataset = catalog.createResource(BASE + "/datasets/yaizu-public-toilets");
        String dcat = "http://www.w3.org/ns/dcat#";
        assertThat(catalog.contains(dataset, catalog.createProperty(dcat, "version"), release2)).isTrue();
        assertThat(catalog.contains(dataset, catalog.createProperty(dcat, "previousVersion"),
                catalog.createResource(BASE + "/datasets/yaizu-public-toilets/releases/" + release1))).isTrue();
        assertThat(catalog.listObjectsOfProperty(dataset, catalog.createProperty(dcat, "hasVersion")).toList()).hasSize(2);
        assertThat(catalog.listObjectsOfProperty(dataset, catalog.createProperty("http://www.w3.org/ns/adms#", "versionNotes"))
                .toList()).extracting(n -> n.asLiteral().getString()).containsExactly("1 added, 1 removed, 1 changed");
        assertThat(org.apache.jena.shacl.ShaclValidator.get().validate(dcatAp301Shapes(), catalog.getGraph()).getEntries())
                .isEmpty();
        // the dataset's Atom feed has an entry per release, newest first, with what changed
        Document feed = xml(store.resolve("datasets/yaizu-public-toilets/feed.atom"));
        assertThat(feed.select("entry > id").eachText()).containsExactly(
                BASE + "/datasets/yaizu-public-toilets/releases/" + release2,
                BASE + "/datasets/yaizu-public-toilets/releases/" + release1);
        assertThat(feed.select("entry > summary").first().text()).contains("1 added, 1 removed, 1 changed");
        // the department's and the catalog's feeds carry the same entries, with the same ids
        for (String shared : List.of("feeds/yaizu.atom", "feeds/all.atom")) {
            Document sharedFeed = xml(store.resolve(shared));
            assertThat(sharedFeed.select("feed > id").text()).isEqualTo(BASE + "/" + shared);
            assertThat(sharedFeed.select("entry > id").eachText()).as(shared).isEqualTo(feed.select("entry > id").eachText());
        }
        assertThat(xml(store.resolve("feeds/takamatsu.atom"))
                .select("entry")).isEmpty();
        // people see the history on the dataset page
        Document page = Jsoup.parse(store.resolve("datasets/yaizu-public-toilets/index.html").toFile(), "UTF-8");
        assertThat(page.select("table.releases tbody tr")).hasSize(2);
        assertThat(page.select("table.releases tbody tr").get(0).text()).contains("追加 1 行、削除 1 行、変更 1 行");
        assertThat(page.select("table.releases tbody tr").get(1).text()).contains(release1, "最初の版");
        // each release's time as the rest of the page gives it, in the catalog's zone (Japan here)
        String created = history.get(0).path("created").asText();
        assertThat(page.select("table.releases tbody tr").get(0).selectFirst("time").attr("datetime")).isEqualTo(created);
        assertThat(page.select("table.releases tbody tr").get(0).selectFirst("time").text()).isEqualTo(
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Tokyo"))
                        .format(java.time.Instant.parse(created)));
        Document english = Jsoup.parse(store.resolve("en/datasets/yaizu-public-toilets/index.html").toFile(), "UTF-8");
        assertThat(english.select("table.releases tbody tr").get(0).text()).contains("1 added, 1 removed, 1 changed");
        assertThat(english.select("table.releases tbody tr").get(1).text()).contains("first release");
        // the columns' types and constraints in the page's language
        org.jsoup.nodes.Element idRow = page.select("table.schema tbody tr").stream()
                .filter(tr -> tr.selectFirst("th").text().equals("id")).findFirst().orElseThrow();
        assertThat(idRow.select("td").get(1).text()).isEqualTo("整数 (integer)");
        assertThat(idRow.select("td").get(2).text()).isEqualTo("主キー、必須");
        org.jsoup.nodes.Element englishId = english.select("table.schema tbody tr").stream()
                .filter(tr -> tr.selectFirst("th").text().equals("id")).findFirst().orElseThrow();
        assertThat(englishId.select("td").get(1).text()).isEqualTo("integer");
        assertThat(englishId.select("td").get(2).text()).isEqualTo("primary key; required");
        assertThat(page.select("table.schema").text()).contains("パターン [0-9]{6}", "「有」は true、「無」は false");
        assertThat(page.select("table.downloads tbody th").eachText()).contains("CSV（Excel 用: BOM 付き UTF-8）");
        assertThat(english.select("table.downloads tbody th").eachText()).contains("CSV (Excel: UTF-8 with BOM)");
    }

    @Test
    void aFileDroppedUnderTheSameNameWhileTheFirstIsProcessedIsANewDrop() throws Exception {
        Path next = root.resolve("next.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("examples/yaizu/222127_public_toilet.csv"),
                StandardCharsets.UTF_8));
        lines.remove(3);
        Files.write(next, lines, StandardCharsets.UTF_8);
        // the department drops its corrected file while the first is being released
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        org.apache.camel.builder.AdviceWith.adviceWith(context, "ingest-file", route -> route
                .weaveByToUri("direct:release").before().process(exchange -> {
                    if (once.compareAndSet(false, true)) {
                        drop("yaizu", next, "222127_public_toilet.csv");
                    }
                }));
        drop("yaizu", Path.of("examples/yaizu/222127_public_toilet.csv"), null);
        awaitDropsEnded(2);

        // both were published, in order; neither is lost
        JsonNode history = JSON.readTree(store.resolve("datasets/yaizu-public-toilets/releases.json").toFile());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("summary").asText()).isEqualTo("0 added, 1 removed, 0 changed");
        assertThat(Sha256.of(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv")))
                .isEqualTo(Sha256.of(store.resolve("datasets/yaizu-public-toilets/releases/"
                        + history.get(0).path("release").asText() + "/yaizu-public-toilets.csv")));
        for (Path original : List.of(Path.of("examples/yaizu/222127_public_toilet.csv"), next)) {
            assertThat(work.resolve("archive/yaizu").resolve(Sha256.of(original)).resolve("222127_public_toilet.csv"))
                    .exists();
        }
        // each drop leaves its folder just after its receipt is written
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(listFiles(ingest).stream().filter(p -> !p.toString().contains("_receipts"))).isEmpty());
    }

    @Test
    void anOperationalFailureIsRetriedThenReportedAndNothingIsLost() throws Exception {
        Files.writeString(store.resolve("datasets"), "a file where the store needs a folder");
        drop("yaizu", Path.of("examples/yaizu/222127_public_toilet.csv"), null);
        awaitDropsEnded(1);
        JsonNode receipt = receipt("yaizu", "222127_public_toilet.csv");
        assertThat(receipt.path("outcome").asText()).isEqualTo("failed");
        assertThat(receipt.path("messageEn").asText()).contains("system problem", "datasets");
        Path kept = work.resolve("failed/yaizu/222127_public_toilet.csv");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(kept));
        assertThat(Sha256.of(kept)).isEqualTo(Sha256.of(Path.of("examples/yaizu/222127_public_toilet.csv")));
        assertThat(store.resolve("index.html")).doesNotExist();
    }

    /**
     * Waits until the application has ended this many drops (each with its receipt written): the
     * {@code outcomes} bean is told by the receipt stage, the last step of every drop.
     */
    private void awaitDropsEnded(int count) {
        Outcomes outcomes = context.getRegistry().lookupByNameAndType("outcomes", Outcomes.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.total() >= count);
        assertThat(outcomes.total()).isEqualTo(count);
    }

    /** Copies a file into the drop folder the way a careful client does: a hidden name, then a rename. */
    private void drop(String department, Path source, String name) throws IOException {
        Path folder = Files.createDirectories(ingest.resolve(department));
        String fileName = name != null ? name : source.getFileName().toString();
        Path temp = folder.resolve("." + fileName + ".part");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The toilet list with one cell made wrong: row 5 (line 6), 男性トイレ総数 = たくさん. */
    private Path brokenToiletCopy() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("examples/yaizu/222127_public_toilet.csv"), StandardCharsets.UTF_8);
        String[] cells = lines.get(5).split(",", -1);
        cells[19] = "たくさん";
        lines.set(5, String.join(",", cells));
        Path broken = root.resolve("broken.csv");
        Files.write(broken, lines, StandardCharsets.UTF_8);
        return broken;
    }

    private JsonNode receipt(String department, String fileName) throws IOException {
        Path folder = ingest.resolve(department).resolve("_receipts");
        try (Stream<Path> files = Files.list(folder)) {
            Path json = files.filter(p -> p.getFileName().toString().startsWith(fileName + ".")
                            && p.getFileName().toString().endsWith(".json"))
                    .findFirst().orElseThrow(() -> new AssertionError("no receipt for " + fileName));
            assertThat(json.resolveSibling(json.getFileName().toString().replace(".json", ".html"))).exists();
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(json.toFile());
            node.put("__file", json.resolveSibling(json.getFileName().toString().replace(".json", ".html")).toString());
            return node;
        }
    }

    /** An XML document of the store (feed, sitemap), parsed as XML. */
    private static Document xml(Path file) throws IOException {
        return Jsoup.parse(Files.readString(file), "", org.jsoup.parser.Parser.xmlParser());
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    /** The data rows of a Takamatsu-style file: decoded, # rows dropped. */
    private static List<String[]> sourceRows(Path file, Charset charset) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, charset)) {
            for (CSVRecord r : CSVFormat.RFC4180.parse(reader)) {
                if (!r.get(0).startsWith("#")) {
                    rows.add(r.values());
                }
            }
        }
        return rows;
    }

    /** CSVW metadata parsed as JSON-LD with the W3C CSVW context from a local copy (no network). */
    private static Model csvwGraph(Path metadata) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(metadata.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode context = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("@context");
        try (InputStream in = PipelineEndToEndTest.class.getResourceAsStream("/standards/csvw/csvw.jsonld")) {
            context.set(0, JSON.readTree(in).get("@context"));
        }
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(JSON.writeValueAsString(json), Lang.JSONLD).base(BASE + "/datasets/yaizu-public-toilets/")
                .parse(model);
        assertThat(model.size()).as("triples from the CSVW metadata").isGreaterThan(50);
        return model;
    }

    private static org.apache.jena.shacl.Shapes dcatAp301Shapes() {
        Model shapes = ModelFactory.createDefaultModel();
        for (String file : List.of("shapes.ttl", "range.ttl")) {
            RDFParser.source(PipelineEndToEndTest.class.getResourceAsStream("/standards/dcat-ap/3.0.1/" + file))
                    .lang(Lang.TURTLE).parse(shapes);
        }
        assertThat(shapes.size()).as("shapes loaded").isGreaterThan(100);
        return org.apache.jena.shacl.Shapes.parse(shapes.getGraph());
    }

    private static Schema frictionlessV2() throws IOException {
        try (InputStream in = PipelineEndToEndTest.class.getResourceAsStream("/standards/frictionless/v2/datapackage.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }
}
