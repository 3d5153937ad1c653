package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bounding box of a table's places, grown row by row as the release is written (on the table thread):
 * published as {@code hiraku.bbox} in datapackage.json ({@code [west, south, east, north]}, WGS84), which the
 * catalog gives crawlers as the dataset's spatial extent (DCAT {@code dcat:bbox}, schema.org {@code GeoShape}).
 */
public final class Extent {
    private BigDecimal west;
    private BigDecimal south;
    private BigDecimal east;
    private BigDecimal north;

    /** Takes in a row's point; null (a row with no place) changes nothing. */
    void add(GeoPoint point) {
        if (point == null) {
            return;
        }
        if (west == null) {
            west = east = point.lon();
            south = north = point.lat();
            return;
        }
        west = west.min(point.lon());
        east = east.max(point.lon());
        south = south.min(point.lat());
        north = north.max(point.lat());
    }

    /** {@code [west, south, east, north]}, or null when no row had a place. */
    public List<BigDecimal> bbox() {
        return west == null ? null : List.of(west, south, east, north);
    }
}
