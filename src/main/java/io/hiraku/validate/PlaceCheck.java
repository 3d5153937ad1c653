package io.hiraku.validate;

import io.hiraku.schema.Field;
import io.hiraku.schema.PlaceFields;
import io.hiraku.schema.TableSchema;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A row's latitude and longitude ({@link PlaceFields}, as two fields) checked together. A latitude beyond ±90
 * or a longitude beyond ±180 is no place on Earth, whatever the definition allows. And latitude and
 * longitude given the wrong way round is a common slip in a facility list (緯度 138.3, 経度 34.9 for a place
 * in Shizuoka): when a row's latitude or longitude does not fit (its field's minimum and maximum, else ±90 and
 * ±180) and the two values swapped fit both, the row gets one problem that says so, in place of a range error
 * on each column. A row whose two values read and lie on the globe costs two comparisons.
 */
final class PlaceCheck {
    private final int latitude;
    private final int longitude;
    private final String latitudeName;
    private final String longitudeName;
    private final BigDecimal[] latitudeRange;
    private final BigDecimal[] longitudeRange;

    private PlaceCheck(TableSchema schema, PlaceFields place) {
        this.latitude = place.latitude();
        this.longitude = place.longitude();
        this.latitudeName = schema.fields().get(latitude).name();
        this.longitudeName = schema.fields().get(longitude).name();
        this.latitudeRange = range(schema.fields().get(latitude), PlaceFields.MAX_LATITUDE);
        this.longitudeRange = range(schema.fields().get(longitude), PlaceFields.MAX_LONGITUDE);
    }

    /** For a table with a latitude and a longitude field; null for others. */
    static PlaceCheck of(TableSchema schema) {
        return PlaceFields.of(schema).filter(PlaceFields::separate).map(p -> new PlaceCheck(schema, p)).orElse(null);
    }

    /** True for the latitude or the longitude field (by index in the schema). */
    boolean covers(int field) {
        return field == latitude || field == longitude;
    }

    /**
     * The row's problems with its place: {@code held}, the latitude's and longitude's own (null: none), stand
     * unless the two are swapped; values that read but are off the globe are added.
     */
    List<Issue> problems(Object[] values, List<Issue> held, String[] cells, ColumnMapping columns, long line,
                         long rowNumber) {
        boolean latOff = PlaceFields.beyond(values[latitude], PlaceFields.MAX_LATITUDE);
        boolean lonOff = PlaceFields.beyond(values[longitude], PlaceFields.MAX_LONGITUDE);
        if (held == null && !latOff && !lonOff) {
            return List.of();
        }
        int latColumn = columns.column(latitude);
        int lonColumn = columns.column(longitude);
        if (latColumn < 0 || lonColumn < 0) {
            return held == null ? List.of() : held;
        }
        String lat = cells[latColumn].strip();
        String lon = cells[lonColumn].strip();
        if (swapped(lat, lon)) {
            return List.of(new Issue("latitude-longitude-swapped", line, rowNumber, latColumn + 1,
                    columns.label(latColumn), latitudeName, lat,
                    "緯度と経度が入れ替わっているようです（緯度の列「" + columns.label(latColumn) + "」が " + lat
                            + "、経度の列「" + columns.label(lonColumn) + "」が " + lon
                            + "）。2 つの列の値を入れ替えて置き直してください",
                    "latitude and longitude look swapped (latitude column '" + columns.label(latColumn) + "' holds "
                            + lat + ", longitude column '" + columns.label(lonColumn) + "' holds " + lon
                            + "); swap the two values and drop the file again"));
        }
        List<Issue> problems = held == null ? new ArrayList<>() : new ArrayList<>(held);
        if (latOff) {
            problems.add(offGlobe(latColumn, latitudeName, lat, "緯度", "latitude", PlaceFields.MAX_LATITUDE, columns, line, rowNumber));
        }
        if (lonOff) {
            problems.add(offGlobe(lonColumn, longitudeName, lon, "経度", "longitude", PlaceFields.MAX_LONGITUDE, columns, line, rowNumber));
        }
        return problems;
    }

    private boolean swapped(String lat, String lon) {
        BigDecimal latitudeValue = number(lat);
        BigDecimal longitudeValue = number(lon);
        return latitudeValue != null && longitudeValue != null
                && !(within(latitudeValue, latitudeRange) && within(longitudeValue, longitudeRange))
                && within(longitudeValue, latitudeRange) && within(latitudeValue, longitudeRange);
    }

    private static Issue offGlobe(int column, String field, String value, String ja, String en, BigDecimal limit,
                                  ColumnMapping columns, long line, long rowNumber) {
        return new Issue("geopoint-range", line, rowNumber, column + 1, columns.label(column), field, value,
                ja + "「" + value + "」は -" + limit + "〜" + limit + " の範囲にありません。度（10 進数）で書いてください",
                en + " '" + value + "' is not between -" + limit + " and " + limit + "; write it in decimal degrees");
    }

    private static BigDecimal[] range(Field field, BigDecimal limit) {
        return new BigDecimal[] {bound(field.constraints().minimum(), limit.negate()), bound(field.constraints().maximum(), limit)};
    }

    private static BigDecimal bound(String written, BigDecimal otherwise) {
        BigDecimal bound = written == null ? null : number(written);
        return bound == null ? otherwise : bound;
    }

    private static boolean within(BigDecimal value, BigDecimal[] range) {
        return value.compareTo(range[0]) >= 0 && value.compareTo(range[1]) <= 0;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(Normalizer.normalize(text, Normalizer.Form.NFKC).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
