package io.hiraku.normalize;

import java.math.BigDecimal;

/**
 * A point on Earth (WGS84), read from Table Schema's geopoint formats: {@code default} ({@code "lon, lat"},
 * or {@code "lat, lon"} when the field says latitude comes first), {@code array} ({@code [lon, lat]}),
 * {@code object} ({@code {"lon": …, "lat": …}}).
 */
public record GeoPoint(BigDecimal lon, BigDecimal lat) {

    public static GeoPoint parse(String raw, String format, boolean latitudeFirst, NormalizationCounts counts)
            throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        String[] parts;
        if ("object".equals(format)) {
            String lon = member(s, "lon");
            String lat = member(s, "lat");
            parts = lon == null || lat == null ? new String[0] : new String[] {lon, lat};
        } else {
            String list = "array".equals(format) && s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
            parts = list.split(",", -1);
            if (parts.length == 2 && latitudeFirst && !"array".equals(format)) {
                parts = new String[] {parts[1], parts[0]};
            }
        }
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            BigDecimal lon = new BigDecimal(parts[0].strip());
            BigDecimal lat = new BigDecimal(parts[1].strip());
            if (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0 || lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
                throw new InvalidValueException("geopoint-range",
                        "「" + raw + "」の緯度か経度が範囲外です（緯度±90、経度±180）。緯度と経度の順番も確認してください",
                        "'" + raw + "' has a latitude or longitude out of range (±90, ±180); check their order too");
            }
            return new GeoPoint(lon, lat);
        } catch (NumberFormatException e) {
            String example = latitudeFirst ? "34.34, 134.04" : "134.04, 34.34";
            throw new InvalidValueException("type-geopoint",
                    "「" + raw + "」は位置（" + (latitudeFirst ? "緯度,経度" : "経度,緯度") + "）として読めません（例: " + example + "）",
                    "'" + raw + "' is not a point (" + (latitudeFirst ? "lat, lon" : "lon, lat") + ", e.g. " + example + ")");
        }
    }

    private static String member(String json, String key) {
        int k = json.indexOf("\"" + key + "\"");
        if (k < 0) {
            return null;
        }
        int colon = json.indexOf(':', k);
        int end = colon;
        while (++end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            // scan to the end of the number
        }
        return colon < 0 ? null : json.substring(colon + 1, end).strip();
    }

    /** As the field writes it: "lon, lat" by default, or latitude first, or [lon, lat], or an object. */
    public String format(String format, boolean latitudeFirst) {
        if ("array".equals(format)) {
            return "[" + lon.toPlainString() + ", " + lat.toPlainString() + "]";
        }
        if ("object".equals(format)) {
            return "{\"lon\": " + lon.toPlainString() + ", \"lat\": " + lat.toPlainString() + "}";
        }
        return latitudeFirst ? lat.toPlainString() + "," + lon.toPlainString() : lon.toPlainString() + "," + lat.toPlainString();
    }
}
