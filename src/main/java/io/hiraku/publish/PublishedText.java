package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.Field;
import io.hiraku.validate.Missing;
import java.math.BigDecimal;

/** A typed value as published text (CSV cells, row IRIs): ISO dates, plain decimals, missing markers kept. */
public final class PublishedText {
    private PublishedText() {
    }

    /** @param field the value's field, for geopoint formats; null for the default format */
    public static String of(Field field, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Missing m) {
            return m.marker();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof GeoPoint p) {
            return field == null ? p.format(null, false) : p.format(field.format(), field.latitudeFirst());
        }
        return value.toString();
    }
}
