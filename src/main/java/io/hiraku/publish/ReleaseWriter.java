package io.hiraku.publish;

import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.validate.RowSink;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fans each valid row out to every format writer of a release (CSV, Excel CSV, JSON, N-Triples and, while
 * the release is small, Turtle, and GeoJSON for a table of places; see {@link FormatSizes}) in a staging folder, then writes the column profile, {@code datapackage.json} and {@code SHA256SUMS}. One pass, one row in
 * memory. A writer that is closed without {@link #finish} leaves nothing that could be published.
 */
public final class ReleaseWriter implements RowSink, Closeable {
    private static final DateTimeFormatter RELEASE_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final CatalogDefinition catalog;
    private final DatasetDefinition dataset;
    private final Path directory;
    private final Instant created;
    private final String releaseId;
    /** The RDF and table threads may each take a format out of it (Turtle, GeoJSON grown too large). */
    private final List<FormatWriter> writers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ColumnProfiler profiler;
    private final PublishedRow.Encoder encoder;
    /**
     * The writers' own threads, so that writing is not one core's work after validation's: the RDF
     * formats (the heaviest) on one, the CSV, JSON and profile on the other.
     */
    private final AsyncRowSink rdfThread;
    private final AsyncRowSink tableThread;
    private final List<FormatWriter> tableWriters = new ArrayList<>();
    private final FormatWriter ntriples;
    /**
     * Null once the N-Triples grew past {@link FormatSizes#turtleUpTo()}: its file is then deleted and it
     * leaves {@link #writers}. Only the RDF thread changes either; finish and close join it first.
     */
    private FormatWriter turtle;
    private long turtleUpTo = Long.MAX_VALUE;
    /** For a table of places; null when it is not one, or once it grew past {@link FormatSizes#geoJsonUpTo()}. */
    private GeoJsonFormatWriter geoJson;
    private long geoJsonUpTo = Long.MAX_VALUE;
    /** Where a table of places is, grown on the table thread (null for a table with no places). */
    private final GeoColumns places;
    private final Extent extent = new Extent();
    private final BackgroundFlush flush;
    private long rows;
    private boolean finished;

    public ReleaseWriter(CatalogDefinition catalog, DatasetDefinition dataset, Path stagingRoot, Instant created)
            throws IOException {
        this.catalog = catalog;
        this.dataset = dataset;
        this.created = created;
        this.releaseId = releaseId(created);
        this.directory = Files.createDirectories(stagingRoot.resolve(dataset.id()).resolve(releaseId));
        String id = dataset.id();
        String iri = DatasetIris.dataset(catalog, id);
        tableWriters.add(new CsvFormatWriter(directory.resolve(Format.CSV.fileName(id)), dataset.schema(), false));
        tableWriters.add(new CsvFormatWriter(directory.resolve(Format.EXCEL_CSV.fileName(id)), dataset.schema(), true));
        tableWriters.add(new JsonFormatWriter(directory.resolve(Format.JSON.fileName(id)), dataset.schema()));
        turtle = new RdfFormatWriter(directory.resolve(Format.TURTLE.fileName(id)), Format.TURTLE, dataset.schema(), iri);
        ntriples = new RdfFormatWriter(directory.resolve(Format.NTRIPLES.fileName(id)), Format.NTRIPLES, dataset.schema(), iri);
        places = GeoColumns.of(dataset.schema()).orElse(null);
        if (places != null) {
            geoJson = new GeoJsonFormatWriter(directory.resolve(Format.GEOJSON.fileName(id)), dataset.schema(), places);
        }
        writers.addAll(tableWriters);
        if (geoJson != null) {
            writers.add(geoJson);
        }
        writers.add(turtle);
        writers.add(ntriples);
        flush = new BackgroundFlush(dataset.id());
        for (FormatWriter writer : writers) {
            writer.flushWith(flush);
        }
        profiler = new ColumnProfiler(dataset.schema());
        encoder = new PublishedRow.Encoder(dataset.schema().fields());
        rdfThread = new AsyncRowSink(this::writeRdf, 256, 4, "rdf " + dataset.id());
        tableThread = new AsyncRowSink(row -> {
            for (FormatWriter writer : tableWriters) {
                writer.write(row);
            }
            if (places != null) {
                io.hiraku.normalize.GeoPoint point = places.of(row.values());
                extent.add(point);
                writeGeoJson(row, point);
            }
            profiler.accept(row.number(), row.values());
        }, 256, 4, "tables " + dataset.id());
    }

    /** Which formats the release gets by its size (before the first row; without it, every format and no gzip copy). */
    public ReleaseWriter sizes(FormatSizes sizes) {
        ntriples.gzipCopyAbove(sizes.gzipNTriplesAbove(), directory.resolve(Format.NTRIPLES_GZIP.fileName(dataset.id())),
                Format.NTRIPLES_GZIP, sizes.plainNTriplesUpTo());
        turtleUpTo = sizes.turtleUpTo();
        geoJsonUpTo = sizes.geoJsonUpTo();
        return this;
    }

    @Override
    public void accept(long rowNumber, Object[] values) throws IOException {
        PublishedRow row = encoder.encode(rowNumber, values);
        rdfThread.accept(row);
        tableThread.accept(row);
        rows++;
    }

    /** On the RDF thread: the row in N-Triples and, while the release is small enough for it, in Turtle. */
    private void writeRdf(PublishedRow row) throws IOException {
        ntriples.write(row);
        if (turtle != null && givenUp(turtle, ntriples.bytes(), turtleUpTo)) {
            turtle = null;
        }
        if (turtle != null) {
            turtle.write(row);
        }
    }

    /** On the table thread: the row as a GeoJSON feature, while the table is one of places and small enough. */
    private void writeGeoJson(PublishedRow row, io.hiraku.normalize.GeoPoint point) throws IOException {
        if (geoJson != null && givenUp(geoJson, geoJson.bytes(), geoJsonUpTo)) {
            geoJson = null;
        }
        if (geoJson != null) {
            geoJson.write(row, point);
        }
    }

    /** Takes a format out of the release (its file deleted) once {@code size} grew past {@code upTo}. */
    private boolean givenUp(FormatWriter writer, long size, long upTo) throws IOException {
        if (size <= upTo) {
            return false;
        }
        writers.remove(writer);
        writer.discard();
        return true;
    }

    public StagedRelease finish(Original original) throws IOException {
        rdfThread.finish();
        tableThread.finish();
        List<PublishedFile> files = new ArrayList<>();
        for (FormatWriter writer : writers) {
            PublishedFile file = writer.finish();
            if (file != null) {
                files.add(file);
            }
        }
        flush.close();
        finished = true;
        for (FormatWriter writer : writers) {
            PublishedFile copy = writer.gzipCopy(); // compressed while the file was written
            if (copy != null) {
                files.add(copy);
            }
        }
        Path csvwPath = directory.resolve(CsvwMetadata.fileName(dataset.id()));
        Files.write(csvwPath, CsvwMetadata.of(catalog, dataset));
        PublishedFile csvwFile = new PublishedFile(csvwPath, csvwPath.getFileName().toString(), null,
                Files.size(csvwPath), Sha256.of(csvwPath));
        PublishedFile profileFile = profiler.finish(directory);
        Path packagePath = directory.resolve("datapackage.json");
        byte[] dataPackage = new DataPackage(catalog, dataset).toJson(releaseId, created, original, rows, files,
                extent.bbox());
        Files.write(packagePath, dataPackage);
        PublishedFile packageFile = new PublishedFile(packagePath, "datapackage.json", Format.JSON,
                dataPackage.length, Sha256.of(packagePath));
        StringBuilder sums = new StringBuilder();
        for (PublishedFile f : files) {
            sums.append(f.sha256()).append("  ").append(f.name()).append('\n');
        }
        sums.append(csvwFile.sha256()).append("  ").append(csvwFile.name()).append('\n');
        sums.append(profileFile.sha256()).append("  ").append(profileFile.name()).append('\n');
        sums.append(packageFile.sha256()).append("  ").append(packageFile.name()).append('\n');
        Path sumsPath = directory.resolve("SHA256SUMS");
        Files.writeString(sumsPath, sums, StandardCharsets.US_ASCII);
        PublishedFile sumsFile = new PublishedFile(sumsPath, "SHA256SUMS", null, Files.size(sumsPath),
                Sha256.of(sumsPath));
        return new StagedRelease(dataset.id(), releaseId, created, original, rows, directory, files, csvwFile,
                profileFile, packageFile, sumsFile, null, null, extent.bbox());
    }

    /** A release's id: the instant it was created, to the millisecond, in UTC ({@code 20240401T090000.000Z}). */
    public static String releaseId(Instant created) {
        return RELEASE_ID.format(created);
    }

    public String releaseId() {
        return releaseId;
    }

    public Path directory() {
        return directory;
    }

    /** Closes the writers; if the release was not finished, removes the staging folder. */
    @Override
    public void close() throws IOException {
        flush.close();
        if (finished) {
            return;
        }
        rdfThread.abandon();
        tableThread.abandon();
        for (FormatWriter writer : writers) {
            writer.abandon();
            try {
                writer.finish();
            } catch (IOException | RuntimeException ignored) {
                // the staged files are deleted below; nothing of them is published
            }
        }
        deleteStaging(directory);
    }

    /** Removes a staging folder and everything in it. */
    public static void deleteStaging(Path dir) throws IOException {
        DurableFiles.deleteTree(dir);
    }
}
