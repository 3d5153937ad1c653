package io.hiraku.catalog;

import java.util.Map;

/**
 * What each kind of problem a receipt lists is called, in Japanese and English, for the people who fix the
 * file: the codes themselves (Frictionless's {@code constraint-pattern}, {@code type-date}, Hiraku's own
 * {@code wareki-out-of-era}) stay in the JSON receipt for programs.
 */
final class ProblemKinds {
    /** A kind's name in each language. */
    record Name(String ja, String en) {
    }

    private static final Map<String, Name> NAMES = Map.ofEntries(
            Map.entry("constraint-required", new Name("空欄にできない列の空欄", "Empty cells in a required column")),
            Map.entry("constraint-pattern", new Name("決められた形式に合わない値", "Values not in the required pattern")),
            Map.entry("constraint-minimum", new Name("最小値より小さい値", "Values below the minimum")),
            Map.entry("constraint-maximum", new Name("最大値より大きい値", "Values above the maximum")),
            Map.entry("constraint-enum", new Name("決められた選択肢にない値", "Values not among the allowed ones")),
            Map.entry("constraint-unique", new Name("重複してはいけない値の重複", "Repeated values in a unique column")),
            Map.entry("type-integer", new Name("整数として読めない値", "Values that are not whole numbers")),
            Map.entry("type-number", new Name("数値として読めない値", "Values that are not numbers")),
            Map.entry("type-boolean", new Name("有無（はい・いいえ）として読めない値", "Values that are not yes/no")),
            Map.entry("type-date", new Name("日付として読めない値", "Values that are not dates")),
            Map.entry("type-datetime", new Name("日時として読めない値", "Values that are not dates with times")),
            Map.entry("type-time", new Name("時刻として読めない値", "Values that are not times of day")),
            Map.entry("type-year", new Name("年として読めない値", "Values that are not years")),
            Map.entry("type-yearmonth", new Name("年月として読めない値", "Values that are not months")),
            Map.entry("type-fiscal-year", new Name("年度として読めない値", "Values that are not fiscal years")),
            Map.entry("type-duration", new Name("期間として読めない値", "Values that are not durations")),
            Map.entry("type-geopoint", new Name("地点（緯度・経度）として読めない値", "Values that are not places (latitude, longitude)")),
            Map.entry("date-invalid", new Name("存在しない日付", "Dates that do not exist")),
            Map.entry("date-without-day", new Name("日のない日付", "Dates without a day")),
            Map.entry("wareki-out-of-era", new Name("元号の期間外の和暦", "Japanese-era dates outside their era")),
            Map.entry("latitude-longitude-swapped", new Name("緯度と経度の入れ替わり", "Latitude and longitude swapped")),
            Map.entry("geopoint-range", new Name("緯度・経度の範囲外の地点", "Places outside latitude and longitude ranges")),
            Map.entry("lg-code-format", new Name("全国地方公共団体コードの形式の誤り", "Malformed local government codes")),
            Map.entry("lg-code-check-digit", new Name("検査数字が合わない全国地方公共団体コード", "Local government codes with a wrong check digit")),
            Map.entry("municipality-unknown", new Name("存在しない全国地方公共団体コード", "Local government codes that do not exist")),
            Map.entry("municipality-mismatch", new Name("コードと名前が合わない自治体", "Municipality names that do not match their codes")),
            Map.entry("phone-format", new Name("電話番号として読めない値", "Values that are not phone numbers")),
            Map.entry("postal-code-format", new Name("郵便番号として読めない値", "Values that are not postal codes")),
            Map.entry("number-grouping", new Name("桁区切りの誤った数値", "Numbers with misplaced thousands separators")),
            Map.entry("primary-key", new Name("主キーの重複または空欄", "Repeated or empty primary keys")),
            Map.entry("unique-key", new Name("重複してはいけない組み合わせの重複", "Repeated values of a unique key")),
            Map.entry("foreign-key", new Name("参照先の表にない値", "Values not found in the referenced table")),
            Map.entry("foreign-key-reference", new Name("参照先の表を読めない", "The referenced table cannot be read")),
            Map.entry("missing-cell", new Name("列が足りない行", "Rows with too few cells")),
            Map.entry("extra-cell", new Name("列が多すぎる行", "Rows with too many cells")),
            Map.entry("missing-label", new Name("見出しにない列", "Columns missing from the header")),
            Map.entry("extra-label", new Name("定義にない列", "Columns the definition does not have")),
            Map.entry("renamed-label", new Name("見出しが定義と違う列", "Columns headed otherwise than in the definition")),
            Map.entry("duplicate-label", new Name("同じ見出しの列が複数", "Columns with the same heading")),
            Map.entry("blank-label", new Name("見出しのない列に値がある", "Values in a column without a heading")),
            Map.entry("schema-drift-order", new Name("列の順序が前回と違う", "Columns in another order than before")),
            Map.entry("encoding-error", new Name("文字コードとして読めない箇所", "Bytes that are not text in the file's encoding")),
            Map.entry("source-error", new Name("ファイルとして読めない", "The file cannot be read")),
            Map.entry("definition-error", new Name("データセット定義の問題", "Problems in the dataset definition")),
            Map.entry("key-repeats-after-reading", new Name("キーの重複（全体を読んだ後に判明）", "Repeated keys (found after reading the whole file)")),
            Map.entry("metadata-dcat-ap", new Name("カタログのメタデータ（DCAT-AP）の不足", "Catalog metadata (DCAT-AP) missing")));

    private ProblemKinds() {
    }

    /** A kind's name; one not known here by its code, read as a type or a format where it is one. */
    static Name of(String code) {
        Name name = NAMES.get(code);
        if (name != null) {
            return name;
        }
        if (code.startsWith("type-")) {
            return new Name("列の型（" + code.substring(5) + "）として読めない値", "Values that are not of the column's type ("
                    + code.substring(5) + ")");
        }
        if (code.startsWith("format-")) {
            return new Name("形式（" + code.substring(7) + "）に合わない値", "Values not in the format " + code.substring(7));
        }
        return new Name(code, code);
    }
}
