package io.hiraku;

import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Original;
import io.hiraku.publish.Publisher;
import io.hiraku.publish.ReleaseWriter;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Catalogs, releases and hostile files that several tests build the same way. */
public final class Fixtures {
    private Fixtures() {
    }

    /** An xlsx-looking zip whose sheet unpacks 64 MiB of zeros from far less than 1 MiB: a zip bomb. */
    public static byte[] xlsxZipBomb() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    /** A catalog of one department, city, and no dataset yet; returns its dataset folder {@code datasets/city}. */
    public static Path cityCatalog(Path catalogDir) throws IOException {
        Files.writeString(Files.createDirectories(catalogDir).resolve("catalog.yaml"), "title: t\ndescription: d\npublisher: p\ndepartments:\n  - id: city\n");
        return Files.createDirectories(catalogDir.resolve("datasets/city"));
    }

    /** A catalog of one department, city (市民課), with one monthly dataset, visits (来庁者数). */
    public static Path monthlyVisitsCatalog(Path catalogDir) throws IOException {
        Files.createDirectories(catalogDir.resolve("datasets/city"));
        Files.writeString(catalogDir.resolve("catalog.yaml"), "title: t\ndescription: d\npublisher: p\ndepartments:\n  - id: city\n    name: 市民課\n");
        Files.writeString(catalogDir.resolve("datasets/city/visits.yaml"), """
                title: 来庁者数
                description: 月ごとの来庁者数
                updateFrequency: monthly
                schema:
                  fields:
                    - {name: id, type: integer}
                """);
        return catalogDir;
    }

    /** A catalog with one department ({@code city}) and one dataset, {@code visits.csv}: month, visitors. */
    public static Path visitorsCatalog(Path catalogDir) throws IOException {
        monthlyVisitsCatalog(catalogDir);
        Files.writeString(catalogDir.resolve("datasets/city/visits.yaml"), """
                title: 来庁者数
                description: 月ごとの来庁者数
                schema:
                  fields:
                    - {name: month, type: yearmonth}
                    - {name: visitors, type: integer}
                """);
        return catalogDir;
    }

    /** Publishes one release of a dataset with the given rows, dropped as {@code <id>.csv}. */
    public static void publish(Definitions definitions, DatasetDefinition dataset, ObjectStore store, Path staging,
                               Instant created, long droppedBytes, Object[]... rows) throws IOException {
        try (ReleaseWriter writer = new ReleaseWriter(definitions.catalog(), dataset, staging, created)) {
            for (int i = 0; i < rows.length; i++) {
                writer.accept(i + 1, rows[i]);
            }
            new Publisher(store).publish(writer.finish(
                    new Original(dataset.department(), dataset.id() + ".csv", droppedBytes, "00", "UTF-8", null)));
        }
    }
}
