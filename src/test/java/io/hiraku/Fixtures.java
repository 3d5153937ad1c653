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

    /**
     * A real xlsx of one sheet, {@code rows} rows under a header (番号, 住所), every address a distinct text
     * of the workbook's shared strings (about 60 bytes each in sharedStrings.xml), as Excel writes them.
     */
    public static Path xlsxWithDistinctTexts(Path file, int rows) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            zip.setLevel(1);
            java.io.Writer out = new java.io.OutputStreamWriter(zip, java.nio.charset.StandardCharsets.UTF_8);
            java.util.function.BiConsumer<String, String> part = (name, xml) -> {
                try {
                    zip.putNextEntry(new java.util.zip.ZipEntry(name));
                    out.write(xml);
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            part.accept("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "</Types>");
            part.accept("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            part.accept("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                    + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part.accept("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                    + "</Relationships>");
            part.accept("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>");
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<si><t>番号</t></si><si><t>住所</t></si>");
            for (int i = 0; i < rows; i++) {
                out.write("<si><t>東京都千代田区霞が関" + Integer.toHexString(i * 7919) + "丁目" + i + "番地</t></si>");
            }
            out.write("</sst>");
            out.flush();
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>");
            for (int i = 0; i < rows; i++) {
                int r = i + 2;
                out.write("<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + i + "</v></c><c r=\"B" + r + "\" t=\"s\"><v>" + (i + 2)
                        + "</v></c></row>");
            }
            out.write("</sheetData></worksheet>");
            out.flush();
        }
        return file;
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
