package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * GeoJSON (RFC 7946) of a table whose rows are places ({@link GeoColumns}): a FeatureCollection with one
 * Feature per row, a Point at the row's longitude and latitude (WGS84), and the row's typed values as its
 * properties, as the JSON writes them. A row with no point is a Feature with a null geometry, as the RFC
 * allows, so that no row is lost.
 */
final class GeoJsonFormatWriter extends JsonFormatWriter {
    private static final byte[] OPENING = "{\"type\":\"FeatureCollection\",\"features\":["
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FIRST_FEATURE = "\n{\"type\":\"Feature\",\"geometry\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_FEATURE = "\n,{\"type\":\"Feature\",\"geometry\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POINT = "{\"type\":\"Point\",\"coordinates\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROPERTIES = ",\"properties\":{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSING = "\n]}\n".getBytes(StandardCharsets.US_ASCII);

    private final GeoColumns geo;

    GeoJsonFormatWriter(Path path, TableSchema schema, GeoColumns geo) throws IOException {
        super(path, Format.GEOJSON, schema, OPENING);
        this.geo = geo;
    }

    @Override
    void write(PublishedRow row) throws IOException {
        write(row, geo.of(row.values()));
    }

    /** The row as a feature at {@code point} (null: no place), which the release writer has found already. */
    void write(PublishedRow row, GeoPoint point) throws IOException {
        put(firstRow() ? FIRST_FEATURE : NEXT_FEATURE);
        if (point == null) {
            put(NULL);
        } else {
            put(POINT);
            putCoordinates(point);
            put((byte) '}');
        }
        put(PROPERTIES);
        putMembers(row);
        put((byte) '}');
        put((byte) '}');
        endRow();
    }

    @Override
    void finishDocument() {
        put(CLOSING);
    }
}
