package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.PlaceFields;
import io.hiraku.schema.TableSchema;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Where a table's rows are on the map ({@link PlaceFields}: a geopoint field, or a latitude and a longitude
 * field). A table with neither has no GeoJSON.
 */
record GeoColumns(int point, int latitude, int longitude) {
    private static final BigDecimal NINETY = BigDecimal.valueOf(90);
    private static final BigDecimal ONE_EIGHTY = BigDecimal.valueOf(180);

    static Optional<GeoColumns> of(TableSchema schema) {
        return PlaceFields.of(schema).map(p -> new GeoColumns(p.point(), p.latitude(), p.longitude()));
    }

    /** The row's point; null when it has none (a missing value) or one no map can place. */
    GeoPoint of(Object[] values) {
        if (point >= 0) {
            return values[point] instanceof GeoPoint p ? p : null;
        }
        BigDecimal lat = decimal(values[latitude]);
        BigDecimal lon = decimal(values[longitude]);
        if (lat == null || lon == null || lat.abs().compareTo(NINETY) > 0 || lon.abs().compareTo(ONE_EIGHTY) > 0) {
            return null;
        }
        return new GeoPoint(lon, lat);
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        return value instanceof Long l ? BigDecimal.valueOf(l) : null;
    }
}
