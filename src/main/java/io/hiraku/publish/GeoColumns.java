package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import io.hiraku.schema.TableSchema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a table's rows are on the map: its first {@code geopoint} field, or else a latitude and a longitude
 * number field, known by their names ({@code latitude}/{@code lat}, {@code longitude}/{@code lon}/{@code lng}),
 * their titles (緯度, 経度: the 推奨データセット and 自治体標準オープンデータセット layouts) or their
 * {@code rdfProperty} (schema.org, W3C WGS84). A table with neither has no GeoJSON.
 */
record GeoColumns(int point, int latitude, int longitude) {
    private static final BigDecimal NINETY = BigDecimal.valueOf(90);
    private static final BigDecimal ONE_EIGHTY = BigDecimal.valueOf(180);
    private static final Set<String> LATITUDE = Set.of("latitude", "lat", "緯度", "http://schema.org/latitude",
            "https://schema.org/latitude", "http://www.w3.org/2003/01/geo/wgs84_pos#lat");
    private static final Set<String> LONGITUDE = Set.of("longitude", "lon", "lng", "long", "経度",
            "http://schema.org/longitude", "https://schema.org/longitude", "http://www.w3.org/2003/01/geo/wgs84_pos#long");

    static Optional<GeoColumns> of(TableSchema schema) {
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).type() == FieldType.GEOPOINT) {
                return Optional.of(new GeoColumns(i, -1, -1));
            }
        }
        int latitude = numberFieldNamed(fields, LATITUDE);
        int longitude = numberFieldNamed(fields, LONGITUDE);
        return latitude >= 0 && longitude >= 0 ? Optional.of(new GeoColumns(-1, latitude, longitude)) : Optional.empty();
    }

    private static int numberFieldNamed(List<Field> fields, Set<String> names) {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if ((f.type() == FieldType.NUMBER || f.type() == FieldType.INTEGER)
                    && (names.contains(f.name().toLowerCase(Locale.ROOT)) || f.title() != null && names.contains(f.title().strip())
                    || f.rdfProperty() != null && names.contains(f.rdfProperty()))) {
                return i;
            }
        }
        return -1;
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
