package io.hiraku.validate;

import io.hiraku.normalize.DateParser;
import io.hiraku.normalize.DatePattern;
import io.hiraku.normalize.HalfWidth;
import io.hiraku.normalize.InvalidValueException;
import io.hiraku.normalize.Normalization;
import io.hiraku.normalize.NormalizationCounts;
import io.hiraku.normalize.NumberParser;
import io.hiraku.schema.Constraints;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one column's cells as the field's type, normalizing on the way, and checks the field's
 * constraints. Built once per field per file: patterns compiled and bounds parsed up front.
 */
final class FieldReader {
    private final Field field;
    private final Set<String> missingValues;
    private final Pattern pattern;
    private final Set<String> allowed;
    private final Comparable<Object> minimum;
    private final Comparable<Object> maximum;
    private final DateTimeFormatter datePattern;
    private final NormalizationCounts counts = new NormalizationCounts();

    FieldReader(Field field, List<String> schemaMissingValues) {
        this.field = field;
        this.missingValues = new HashSet<>(field.missingValues() != null ? field.missingValues() : schemaMissingValues);
        Constraints c = field.constraints();
        this.datePattern = field.type() == FieldType.DATE ? DatePattern.of(field.format()) : null;
        this.pattern = c.pattern() == null ? null : Pattern.compile(c.pattern());
        this.allowed = c.allowed() == null ? null : new HashSet<>(c.allowed());
        this.minimum = bound(c.minimum(), "minimum");
        this.maximum = bound(c.maximum(), "maximum");
    }

    Field field() {
        return field;
    }

    NormalizationCounts counts() {
        return counts;
    }

    /** The typed value, or null when the cell is a missing value (and the field is not required). */
    Object read(String raw) throws InvalidValueException {
        if (isMissing(raw)) {
            if (field.constraints().isRequired()) {
                throw new InvalidValueException("constraint-required",
                        "必須項目「" + field.label() + "」が空です。値を入れてください",
                        "'" + field.name() + "' is required but empty; fill it in");
            }
            return null;
        }
        Object value = typed(raw);
        check(raw, value);
        return value;
    }

    private boolean isMissing(String raw) {
        return missingValues.contains(raw) || (raw.isBlank() && missingValues.contains(""));
    }

    private Object typed(String raw) throws InvalidValueException {
        switch (field.type()) {
            case INTEGER:
                return NumberParser.parseInteger(raw, counts);
            case NUMBER:
                return NumberParser.parseNumber(raw, counts);
            case DATE:
                return DateParser.parse(raw, counts, datePattern);
            case BOOLEAN:
                return bool(raw);
            case STRING:
            default:
                return HalfWidth.trimmed(raw, counts);
        }
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
        String text = canonical(value);
        if (allowed != null && !allowed.contains(text)) {
            throw new InvalidValueException("constraint-enum",
                    "「" + raw + "」は使える値ではありません。使える値: " + c.allowed(),
                    "'" + raw + "' is not one of the allowed values " + c.allowed());
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            throw new InvalidValueException("constraint-pattern",
                    "「" + raw + "」は決められた形式（" + c.pattern() + "）に合いません",
                    "'" + raw + "' does not match the pattern " + c.pattern());
        }
        int length = text.codePointCount(0, text.length());
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
        if (minimum != null && minimum.compareTo(comparable(value)) > 0) {
            throw new InvalidValueException("constraint-minimum",
                    "「" + raw + "」は最小値 " + c.minimum() + " より小さい値です",
                    "'" + raw + "' is below the minimum " + c.minimum());
        }
        if (maximum != null && maximum.compareTo(comparable(value)) < 0) {
            throw new InvalidValueException("constraint-maximum",
                    "「" + raw + "」は最大値 " + c.maximum() + " より大きい値です",
                    "'" + raw + "' is above the maximum " + c.maximum());
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
            Object value = typed(written);
            return (Comparable<Object>) comparable(value);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("field '" + field.name() + "': " + name + " '" + written
                    + "' is not a valid " + field.type().jsonName(), e);
        }
    }

    private static Object comparable(Object value) {
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof LocalDate || value instanceof BigDecimal || value instanceof String) {
            return value;
        }
        return String.valueOf(value);
    }
}
