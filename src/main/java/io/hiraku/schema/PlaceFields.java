package io.hiraku.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which fields of a table say where its rows are: its first {@code geopoint} field ({@code point}), or else a
 * latitude and a longitude number field, known by their names ({@code latitude}/{@code lat},
 * {@code longitude}/{@code lon}/{@code lng}), their titles (緯度, 経度: the 推奨データセット and 自治体標準オープン
 * データセット layouts) or their {@code rdfProperty} (schema.org, W3C WGS84). Indexes into the schema's fields;
 * -1 where there is none. Used to map the rows and to notice latitude and longitude given the wrong way round.
 */
public record PlaceFields(int point, int latitude, int longitude) {
    private static final Set<String> LATITUDE = Set.of("latitude", "lat", "緯度", "http://schema.org/latitude",
            "https://schema.org/latitude", "http://www.w3.org/2003/01/geo/wgs84_pos#lat");
    private static final Set<String> LONGITUDE = Set.of("longitude", "lon", "lng", "long", "経度",
            "http://schema.org/longitude", "https://schema.org/longitude", "http://www.w3.org/2003/01/geo/wgs84_pos#long");

    /** The largest latitude and longitude a place on Earth has, in degrees either way. */
    public static final BigDecimal MAX_LATITUDE = BigDecimal.valueOf(90);
    public static final BigDecimal MAX_LONGITUDE = BigDecimal.valueOf(180);

    public static Optional<PlaceFields> of(TableSchema schema) {
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).type() == FieldType.GEOPOINT) {
                return Optional.of(new PlaceFields(i, -1, -1));
            }
        }
        int latitude = numberFieldNamed(fields, LATITUDE);
        int longitude = numberFieldNamed(fields, LONGITUDE);
        return latitude >= 0 && longitude >= 0 ? Optional.of(new PlaceFields(-1, latitude, longitude)) : Optional.empty();
    }

    /** True for a latitude and a longitude field (not one geopoint). */
    public boolean separate() {
        return point < 0;
    }

    /**
     * True for a number (a read {@code number} or {@code integer} value) beyond {@code limit} either way: a
     * latitude or longitude no place has. Compared by its double first (decimals of different scales cost
     * more to compare, and this runs on every row), exactly when the double equals the limit.
     */
    public static boolean beyond(Object value, BigDecimal limit) {
        if (value instanceof BigDecimal d) {
            double magnitude = Math.abs(d.doubleValue());
            double bound = limit.doubleValue();
            return magnitude != bound ? magnitude > bound : d.abs().compareTo(limit) > 0;
        }
        return value instanceof Long l && Math.abs(l) > limit.longValue();
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
}
