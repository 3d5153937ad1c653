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
record GeoColumns(PlaceFields fields) {
    static Optional<GeoColumns> of(TableSchema schema) {
        return PlaceFields.of(schema).map(GeoColumns::new);
    }

    /** The row's point; null when it has none (a missing value) or one no map can place. */
    GeoPoint of(Object[] values) {
        if (!fields.separate()) {
            return values[fields.point()] instanceof GeoPoint p ? p : null;
        }
        BigDecimal lat = decimal(values[fields.latitude()]);
        BigDecimal lon = decimal(values[fields.longitude()]);
        if (lat == null || lon == null || PlaceFields.beyond(lat, PlaceFields.MAX_LATITUDE)
                || PlaceFields.beyond(lon, PlaceFields.MAX_LONGITUDE)) {
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
