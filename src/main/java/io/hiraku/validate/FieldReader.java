package io.hiraku.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.normalize.DateParser;
import io.hiraku.normalize.DatePattern;
import io.hiraku.normalize.DateTimeParser;
import io.hiraku.normalize.GeoPoint;
import io.hiraku.normalize.HalfWidth;
import io.hiraku.normalize.InvalidValueException;
import io.hiraku.normalize.JapaneseCodes;
import io.hiraku.normalize.Normalization;
import io.hiraku.normalize.NormalizationCounts;
import io.hiraku.normalize.NumberParser;
import io.hiraku.normalize.PartialDateParser;
import io.hiraku.normalize.TimeParser;
import io.hiraku.schema.Constraints;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import io.hiraku.schema.MissingValue;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one column's cells as the field's type, normalizing on the way, and checks the field's
 * constraints. Built once per field per file: the type's reader chosen, patterns compiled and bounds
 * parsed up front.
 */
final class FieldReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Reads a cell that is not missing as the field's type. */
    private interface TypeReader {
        Object read(String raw) throws InvalidValueException;
    }

    private final Field field;
    private final Map<String, MissingValue> missingValues = new HashMap<>();
    private final TypeReader typeReader;
    private final Pattern pattern;
    /** Reused for every cell: a reader serves one column of one file, on one thread. */
    private final java.util.regex.Matcher patternMatcher;
    /** The same pattern without the regex engine, when it is a simple one (most codes and numbers). */
    private final SimplePattern simplePattern;
    private final Set<String> allowed;
    private final Comparable<Object> minimum;
    private final Comparable<Object> maximum;
    private final Comparable<Object> exclusiveMinimum;
    private final Comparable<Object> exclusiveMaximum;
    private final NormalizationCounts counts = new NormalizationCounts();
    private final int longestMissingValue;
    /** The pattern, matched within a budget: a pattern that backtracks without end is reported, not run forever. */
    private boolean matchesPattern(String text, String raw) throws InvalidValueException {
        if (simplePattern != null) {
            return simplePattern.matches(text);
        }
        try {
            return patternMatcher.reset(BoundedText.of(text)).matches();
        } catch (BoundedText.TooCostly e) {
            throw new InvalidValueException("constraint-pattern",
                    "「" + raw + "」を形式（" + pattern.pattern() + "）と照合するのに時間がかかりすぎます。"
                            + "オープンデータ担当が定義のパターンを簡単にしてください",
                    "the pattern " + pattern.pattern() + " takes too long to check against '" + raw
                            + "' (it backtracks too much); the open-data team simplifies the pattern in the definition");
        }
    }

    /** Whether the constraints look at the value as text (enum, pattern, lengths) or at its bounds. */
    private final boolean checksText;
    private final boolean checksBounds;

    FieldReader(Field field, List<MissingValue> schemaMissingValues) {
        this.field = field;
        if (field.normalize() != null && !List.of("nfkc", "fiscal-year-range").contains(field.normalize())) {
            throw new IllegalArgumentException("field '" + field.name() + "': normalize '" + field.normalize()
                    + "' is not one of nfkc, fiscal-year-range");
        }
        if (field.japaneseCode() != null
                && !List.of("local-government-code", "postal-code", "phone-number").contains(field.japaneseCode())) {
            throw new IllegalArgumentException("field '" + field.name() + "': japaneseCode '" + field.japaneseCode()
                    + "' is not one of local-government-code, postal-code, phone-number");
        }
        if ((field.normalize() != null || field.japaneseCode() != null) && field.type() != FieldType.STRING) {
            throw new IllegalArgumentException("field '" + field.name() + "': normalize and japaneseCode apply to "
                    + "string fields, not " + field.type().jsonName());
        }
        for (MissingValue m : field.missingValues() != null ? field.missingValues() : schemaMissingValues) {
            missingValues.put(m.value(), m);
        }
        this.longestMissingValue = missingValues.keySet().stream().mapToInt(String::length).max().orElse(0);
        this.typeReader = typeReader(field);
        Constraints c = field.constraints();
        this.pattern = c.pattern() == null ? null : Pattern.compile(c.pattern()); // compiled once already when loaded
        this.patternMatcher = pattern == null ? null : pattern.matcher("");
        this.simplePattern = c.pattern() == null ? null : SimplePattern.of(c.pattern()).orElse(null);
        this.allowed = c.allowed() == null ? null : new HashSet<>(c.allowed());
        this.minimum = bound(c.minimum(), "minimum");
        this.maximum = bound(c.maximum(), "maximum");
        this.exclusiveMinimum = bound(c.exclusiveMinimum(), "exclusiveMinimum");
        this.checksText = c.allowed() != null || c.pattern() != null || c.minLength() != null || c.maxLength() != null;
        this.exclusiveMaximum = bound(c.exclusiveMaximum(), "exclusiveMaximum");
        this.checksBounds = minimum != null || maximum != null || exclusiveMinimum != null || exclusiveMaximum != null;
    }

    Field field() {
        return field;
    }

    NormalizationCounts counts() {
        return counts;
    }

    /**
     * The typed value; null for an empty cell, {@link Missing} for another missing-value marker (when the
     * field is not required).
     */
    Object read(String raw) throws InvalidValueException {
        MissingValue missing = missing(raw);
        if (missing != null) {
            if (field.constraints().isRequired()) {
                throw new InvalidValueException("constraint-required",
                        "必須項目「" + field.label() + "」が空です。値を入れてください",
                        "'" + field.name() + "' is required but empty; fill it in");
            }
            return missing.value().isEmpty() ? null : new Missing(missing.value());
        }
        Object value = typeReader.read(raw);
        check(raw, value);
        return value;
    }

    private MissingValue missing(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(raw.charAt(end - 1))) {
            end--;
        }
        if (end - start > longestMissingValue) {
            return null; // longer than every marker even when trimmed: no marker (the common case, no hashing)
        }
        MissingValue m = missingValues.get(raw);
        if (m == null && raw.isBlank()) {
            m = missingValues.get("");
        }
        if (m == null && !raw.isEmpty()) {
            m = missingValues.get(HalfWidth.trim(raw));
        }
        return m;
    }

    /**
     * Every character {@link String#isBlank} or {@link HalfWidth#trim} could drop (Unicode white space and
     * no-break spaces), and the C0 controls; kana, kanji and letters answer at the first comparisons.
     */
    private static boolean isSpace(char c) {
        return c <= ' ' || c == '\u0085' || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    private TypeReader typeReader(Field f) {
        NumberParser numbers = new NumberParser(f.decimalChar(), f.groupChar(), f.bareNumber());
        return switch (f.type()) {
            case INTEGER -> raw -> numbers.integer(raw, counts);
            case NUMBER -> raw -> numbers.number(raw, counts);
            case DATE -> {
                DateTimeFormatter declared = DatePattern.of(f.format());
                yield raw -> DateParser.parse(raw, counts, declared);
            }
            case TIME -> raw -> TimeParser.parse(raw, counts);
            case DATETIME -> raw -> DateTimeParser.parse(raw, counts);
            case YEAR -> raw -> PartialDateParser.parseYear(raw, counts);
            case YEARMONTH -> raw -> PartialDateParser.parseYearMonth(raw, counts);
            case DURATION -> this::duration;
            case GEOPOINT -> raw -> GeoPoint.parse(raw, f.format(), f.latitudeFirst(), counts);
            case OBJECT, ARRAY -> this::json;
            case BOOLEAN -> this::bool;
            case ANY -> raw -> raw;
            case STRING -> this::string;
        };
    }

    private Object string(String raw) throws InvalidValueException {
        String value = HalfWidth.trimmed(raw, counts);
        if (field.japaneseCode() != null) {
            return switch (field.japaneseCode()) {
                case "local-government-code" -> JapaneseCodes.localGovernmentCode(value, counts);
                case "postal-code" -> JapaneseCodes.postalCode(value, counts);
                case "phone-number" -> JapaneseCodes.phoneNumber(value, counts);
                default -> throw new IllegalStateException("japaneseCode " + field.japaneseCode());
            };
        }
        if ("fiscal-year-range".equals(field.normalize())) {
            return PartialDateParser.parseFiscalYearRange(value, counts);
        }
        if ("nfkc".equals(field.normalize())) {
            String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
            if (!nfkc.equals(value)) {
                counts.add(Normalization.TEXT_NFKC);
                value = nfkc;
            }
        }
        String format = field.format() == null ? "default" : field.format();
        boolean ok = switch (format) {
            case "email" -> EMAIL.matcher(value).matches();
            case "uri" -> isUri(value);
            case "uuid" -> isUuid(value);
            default -> true;
        };
        if (!ok) {
            throw new InvalidValueException("format-" + format,
                    "「" + raw + "」は形式 " + format + " に合いません",
                    "'" + raw + "' is not a valid " + format);
        }
        return value;
    }

    /**
     * An absolute URI by RFC 3986's characters: a scheme (a letter, then letters, digits, {@code + - .}),
     * a colon, then only unreserved, reserved and {@code %HH} escapes. A scan, not {@link java.net.URI}'s
     * full parser, which took a seventh of the validation time of a table with a URL column; the
     * same strings pass, and java.net.URI still checks what is left (authority and IPv6 literals).
     */
    static boolean isUri(String value) {
        int colon = value.indexOf(':');
        if (colon < 1 || !isAsciiLetter(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = value.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        for (int i = colon + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (c >= 0x80) {
                if (Character.isSpaceChar(c) || Character.isISOControl(c)) {
                    return false; // other Unicode characters pass, as java.net.URI lets them (IRIs)
                }
            } else if (!URI_CHAR[c]) {
                return false;
            } else if (c == '[') {
                return hasValidAuthority(value);
            }
        }
        return true;
    }

    /** RFC 3986's unreserved and reserved characters, by ASCII code. */
    private static final boolean[] URI_CHAR = new boolean[128];

    static {
        for (char c : "-._~:/?#[]@!$&'()*+,;=".toCharArray()) {
            URI_CHAR[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URI_CHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            URI_CHAR[c] = true;
            URI_CHAR[Character.toUpperCase(c)] = true;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** URIs with IPv6 literals go through the full parser. */
    private static boolean hasValidAuthority(String value) {
        try {
            return new java.net.URI(value).getScheme() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Object duration(String raw) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        int t = s.indexOf('T');
        try {
            if (t < 0) {
                Period.parse(s);
            } else if (t == 1) {
                Duration.parse(s);
            } else {
                Period.parse(s.substring(0, t));
                Duration.parse("P" + s.substring(t));
            }
            return s;
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("type-duration",
                    "「" + raw + "」は期間（ISO 8601、例: P1Y2M、PT30M）として読めません",
                    "'" + raw + "' is not an ISO 8601 duration (e.g. P1Y2M, PT30M)");
        }
    }

    private Object json(String raw) throws InvalidValueException {
        try {
            JsonNode node = JSON.readTree(raw);
            boolean ok = field.type() == FieldType.OBJECT ? node != null && node.isObject() : node != null && node.isArray();
            if (ok) {
                return new JsonText(node.toString());
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        String kind = field.type() == FieldType.OBJECT ? "JSONオブジェクト（{…}）" : "JSON配列（[…]）";
        throw new InvalidValueException("type-" + field.type().jsonName(),
                "「" + raw + "」は" + kind + "として読めません",
                "'" + raw + "' is not a JSON " + field.type().jsonName());
    }

    private Boolean bool(String raw) throws InvalidValueException {
        String value = HalfWidth.trimmed(raw, counts);
        if (field.trueValuesOrDefault().contains(value)) {
            if (!"true".equals(value)) {
                counts.add(Normalization.BOOLEAN);
            }
            return Boolean.TRUE;
        }
        if (field.falseValuesOrDefault().contains(value)) {
            if (!"false".equals(value)) {
                counts.add(Normalization.BOOLEAN);
            }
            return Boolean.FALSE;
        }
        throw new InvalidValueException("type-boolean",
                "「" + raw + "」は真偽値として読めません。使える値: " + field.trueValuesOrDefault() + " / "
                        + field.falseValuesOrDefault(),
                "'" + raw + "' is not a yes/no value; use one of " + field.trueValuesOrDefault() + " / "
                        + field.falseValuesOrDefault());
    }

    private void check(String raw, Object value) throws InvalidValueException {
        Constraints c = field.constraints();
        if (!checksText && !checksBounds) {
            return; // most fields: nothing to compute per cell
        }
        String text = checksText ? canonical(value) : null;
        if (allowed != null && !allowed.contains(text)) {
            throw new InvalidValueException("constraint-enum",
                    "「" + raw + "」は使える値ではありません。使える値: " + c.allowed(),
                    "'" + raw + "' is not one of the allowed values " + c.allowed());
        }
        if (pattern != null && !matchesPattern(text, raw)) {
            throw new InvalidValueException("constraint-pattern",
                    "「" + raw + "」は決められた形式（" + c.pattern() + "）に合いません",
                    "'" + raw + "' does not match the pattern " + c.pattern());
        }
        // code points never outnumber chars: a text no longer in chars than maxLength needs no count
        int length = c.minLength() == null && (c.maxLength() == null || text.length() <= c.maxLength())
                ? 0 : text.codePointCount(0, text.length());
        if (c.minLength() != null && length < c.minLength()) {
            throw new InvalidValueException("constraint-minLength",
                    "「" + raw + "」は短すぎます（" + c.minLength() + "文字以上）",
                    "'" + raw + "' is shorter than " + c.minLength() + " characters");
        }
        if (c.maxLength() != null && length > c.maxLength()) {
            throw new InvalidValueException("constraint-maxLength",
                    "「" + raw + "」は長すぎます（" + c.maxLength() + "文字以下）",
                    "'" + raw + "' is longer than " + c.maxLength() + " characters");
        }
        if (!checksBounds) {
            return;
        }
        Object comparable = comparable(value);
        if (minimum != null && minimum.compareTo(comparable) > 0) {
            throw new InvalidValueException("constraint-minimum",
                    "「" + raw + "」は最小値 " + c.minimum() + " より小さい値です",
                    "'" + raw + "' is below the minimum " + c.minimum());
        }
        if (maximum != null && maximum.compareTo(comparable) < 0) {
            throw new InvalidValueException("constraint-maximum",
                    "「" + raw + "」は最大値 " + c.maximum() + " より大きい値です",
                    "'" + raw + "' is above the maximum " + c.maximum());
        }
        if (exclusiveMinimum != null && exclusiveMinimum.compareTo(comparable) >= 0) {
            throw new InvalidValueException("constraint-exclusiveMinimum",
                    "「" + raw + "」は " + c.exclusiveMinimum() + " より大きい値でなければなりません",
                    "'" + raw + "' must be greater than " + c.exclusiveMinimum());
        }
        if (exclusiveMaximum != null && exclusiveMaximum.compareTo(comparable) <= 0) {
            throw new InvalidValueException("constraint-exclusiveMaximum",
                    "「" + raw + "」は " + c.exclusiveMaximum() + " より小さい値でなければなりません",
                    "'" + raw + "' must be less than " + c.exclusiveMaximum());
        }
    }

    /** The published text form of a typed value: ISO dates, plain numbers, true/false. */
    static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private Comparable<Object> bound(String written, String name) {
        if (written == null) {
            return null;
        }
        try {
            Object value = typeReader.read(written);
            return (Comparable<Object>) comparable(value);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("field '" + field.name() + "': " + name + " '" + written
                    + "' is not a valid " + field.type().jsonName(), e);
        }
    }

    /** Numbers compare as decimals, temporal values as themselves, anything else by its text. */
    private static Object comparable(Object value) {
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof Comparable<?>) {
            return value;
        }
        return String.valueOf(value);
    }
}
