package io.hiraku.normalize;

/** A kind of change made to a cell value on the way to its published form; counted per column in the report. */
public enum Normalization {
    FULL_WIDTH("全角英数字を半角に", "full-width digits or letters made half-width"),
    TRIMMED("前後の空白を削除", "leading or trailing spaces removed"),
    THOUSANDS_SEPARATOR("桁区切りのカンマを削除", "thousands separators removed"),
    TRIANGLE_NEGATIVE("△・▲を負号に", "△/▲ read as a minus sign"),
    TEXT_AROUND_NUMBER("数値の前後の単位などを削除", "units or signs around a number removed"),
    CODE_FORMAT("コード・番号の書き方を統一", "code or number written the standard way"),
    TEXT_NFKC("全角英数字・記号を半角に（文字列）", "full-width letters and digits in text made half-width"),
    WAREKI("和暦を西暦に", "Japanese era date converted to ISO 8601"),
    DATE_FORMAT("日付をISO 8601に", "date rewritten as ISO 8601"),
    BOOLEAN("真偽値をtrue/falseに", "yes/no value written as true/false"),
    FISCAL_YEAR("年度を期間（4月1日〜翌年3月31日）に", "fiscal year (年度) written as its April-to-March date range");

    private final String ja;
    private final String en;

    Normalization(String ja, String en) {
        this.ja = ja;
        this.en = en;
    }

    public String ja() {
        return ja;
    }

    public String en() {
        return en;
    }
}
