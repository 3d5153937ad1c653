package io.hiraku.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The benchmark table: a synthetic, deterministic facility list shaped like Japanese municipal data,
 * a Java port of the reference generator ({@code gen_facilities.py}): 13 columns, CRLF, RFC 4180
 * minimal quoting; about half the addresses in full-width digits, 10% of 和暦 dates in full-width
 * digits, 1% full-width and 1% empty capacities, 10% empty URLs, 60% empty notes, 1.5% notes with
 * commas and quotes, 0.3% notes with a line break, half-width katakana and U+FF5E in notes. Every
 * character exists in CP932, so the same table is written in either encoding.
 */
public final class FacilitiesTable {
    public static final long DEFAULT_SEED = 20240401L;
    public static final String HEADER = "施設ID,名称,住所,緯度,経度,郵便番号,電話番号,開設日,開設日_和暦,定員,種別コード,URL,備考";

    private record Municipality(String code, String prefecture, String name, String romaji, double lat, double lon,
            String area, String postal) {
    }

    private static final Municipality[] MUNIS = {
        new Municipality("131016", "東京都", "千代田区", "chiyoda", 35.6940, 139.7536, "03", "100"),
        new Municipality("131024", "東京都", "中央区", "chuo", 35.6706, 139.7720, "03", "104"),
        new Municipality("131032", "東京都", "港区", "minato", 35.6581, 139.7516, "03", "105"),
        new Municipality("131041", "東京都", "新宿区", "shinjuku", 35.6938, 139.7034, "03", "160"),
        new Municipality("141003", "神奈川県", "横浜市", "yokohama", 35.4437, 139.6380, "045", "231"),
        new Municipality("271004", "大阪府", "大阪市", "osaka", 34.6937, 135.5023, "06", "530"),
        new Municipality("231002", "愛知県", "名古屋市", "nagoya", 35.1815, 136.9066, "052", "460"),
        new Municipality("011002", "北海道", "札幌市", "sapporo", 43.0618, 141.3545, "011", "060"),
        new Municipality("401005", "福岡県", "北九州市", "kitakyushu", 33.8835, 130.8752, "093", "803"),
        new Municipality("261009", "京都府", "京都市", "kyoto", 35.0116, 135.7681, "075", "604"),
        new Municipality("041009", "宮城県", "仙台市", "sendai", 38.2682, 140.8694, "022", "980"),
        new Municipality("341002", "広島県", "広島市", "hiroshima", 34.3853, 132.4553, "082", "730"),
        new Municipality("472018", "沖縄県", "那覇市", "naha", 26.2124, 127.6809, "098", "900"),
        new Municipality("202011", "長野県", "長野市", "nagano", 36.6485, 138.1948, "026", "380"),
        new Municipality("062014", "山形県", "山形市", "yamagata", 38.2404, 140.3633, "023", "990"),
    };
    private static final String[] STEMS = {"中央", "東", "西", "南", "北", "桜ケ丘", "緑町", "青葉", "若葉", "旭", "本町",
        "駅前", "新町", "日の出", "富士見", "松原", "柳町", "港南", "城山", "梅ヶ丘", "大森", "高砂", "栄", "錦", "曙", "宮前",
        "平和台", "弥生", "寿", "八幡", "稲荷", "浜田山", "鶴見", "亀有"};
    private static final String[][] TYPES = {{"保育園", "A"}, {"幼稚園", "A"}, {"小学校", "A"}, {"図書館", "B"},
        {"公民館", "B"}, {"体育館", "B"}, {"児童館", "A"}, {"集会所", "B"}, {"公園", "C"}, {"診療所", "C"}, {"避難所", "C"},
        {"地域包括支援センター", "C"}, {"市民プール", "B"}, {"コミュニティセンター", "B"}};
    private static final String[] TOWNS = {"神田", "丸の内", "大手町", "日本橋", "銀座", "芝", "高輪", "四谷", "本郷", "元町",
        "山下町", "梅田", "天満", "栄", "大須", "大通西", "北一条", "紺屋町", "中島町", "久茂地", "鶴賀", "七日町", "桜木町",
        "緑ケ丘", "旭町"};
    private static final String[] BUILDINGS = {"第一ビル", "市民会館", "複合施設", "合同庁舎", "駅前プラザ", "センタービル"};
    private static final String[] NOTES = {"バリアフリー対応", "駐車場あり", "駐車場なし", "土日祝休館", "開館時間9:00～17:00",
        "ﾊﾞﾘｱﾌﾘｰ対応", "多目的トイレあり", "授乳室あり", "AED設置", "令和6年度改修予定", "指定緊急避難場所（洪水・土砂災害）",
        "年末年始（12月29日～1月3日）休館", "ｴﾚﾍﾞｰﾀｰあり", "Ｗｉ－Ｆｉ利用可", "車椅子貸出あり"};
    private static final long FIRST_DAY = LocalDate.of(1950, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(2024, 12, 31).toEpochDay();

    private FacilitiesTable() {
    }

    /** Writes {@code rows} data rows (plus the header) to {@code out}. */
    public static void write(Path out, long rows, Charset charset, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder row = new StringBuilder(256);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), charset), 1 << 16)) {
            w.write(HEADER);
            w.write("\r\n");
            for (long i = 1; i <= rows; i++) {
                row.setLength(0);
                row(random, i, row);
                w.append(row);
            }
        }
    }

    private static void row(SplittableRandom r, long i, StringBuilder out) {
        Municipality m = MUNIS[(int) (i % MUNIS.length)];
        String[] type = pick(r, TYPES);
        String id = m.code() + "-" + pad(i, 7);
        String name = m.name() + "立" + pick(r, STEMS) + type[0];
        String address = m.prefecture() + m.name() + pick(r, TOWNS) + between(r, 1, 9) + "丁目" + between(r, 1, 30) + "番"
                + between(r, 1, 40) + "号";
        if (r.nextDouble() < 0.5) {
            address = fullWidth(address);
        }
        if (r.nextDouble() < 0.1) {
            address += fullWidth(" " + pick(r, BUILDINGS) + between(r, 1, 12) + "階");
        }
        String lat = sixDecimals(m.lat() + (r.nextDouble() - 0.5) * 0.2);
        String lon = sixDecimals(m.lon() + (r.nextDouble() - 0.5) * 0.2);
        String postal = m.postal() + "-" + pad(between(r, 0, 9999), 4);
        String phone = m.area() + "-" + (m.area().length() == 2 ? between(r, 1000, 9999) : between(r, 100, 999)) + "-"
                + pad(between(r, 0, 9999), 4);
        LocalDate opened = LocalDate.ofEpochDay(FIRST_DAY + r.nextLong(LAST_DAY - FIRST_DAY + 1));
        String wareki = wareki(opened);
        if (r.nextDouble() < 0.1) {
            wareki = fullWidth(wareki);
        }
        double c = r.nextDouble();
        String capacity = c < 0.01 ? "" : c < 0.02 ? fullWidth(String.valueOf(between(r, 10, 999)))
                : String.valueOf(between(r, 10, 999));
        String category = type[1] + pad(between(r, 1, 12), 2);
        String url = r.nextDouble() < 0.1 ? "" : "https://www.city." + m.romaji() + ".lg.jp/shisetsu/" + id + ".html";
        double n = r.nextDouble();
        String note = n < 0.60 ? "" : n < 0.985 ? pick(r, NOTES)
                : n < 0.997 ? pick(r, NOTES) + "," + pick(r, NOTES) + "（\"" + pick(r, STEMS) + "\"地区）"
                : pick(r, NOTES) + "\r\n" + pick(r, NOTES);
        String[] cells = {id, name, address, lat, lon, postal, phone, opened.toString(), wareki, capacity, category, url, note};
        for (int k = 0; k < cells.length; k++) {
            if (k > 0) {
                out.append(',');
            }
            quoted(cells[k], out);
        }
        out.append("\r\n");
    }

    /** RFC 4180 minimal quoting: only cells holding a comma, quote or line break are quoted. */
    private static void quoted(String cell, StringBuilder out) {
        boolean quote = false;
        for (int k = 0; k < cell.length() && !quote; k++) {
            char ch = cell.charAt(k);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        if (!quote) {
            out.append(cell);
            return;
        }
        out.append('"');
        for (int k = 0; k < cell.length(); k++) {
            char ch = cell.charAt(k);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }

    static String wareki(LocalDate d) {
        String era;
        int year;
        if (!d.isBefore(LocalDate.of(2019, 5, 1))) {
            era = "令和";
            year = d.getYear() - 2018;
        } else if (!d.isBefore(LocalDate.of(1989, 1, 8))) {
            era = "平成";
            year = d.getYear() - 1988;
        } else {
            era = "昭和";
            year = d.getYear() - 1925;
        }
        return era + (year == 1 ? "元" : String.valueOf(year)) + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            b.append(ch >= '0' && ch <= '9' ? (char) ('０' + (ch - '0')) : ch);
        }
        return b.toString();
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** A positive number with six decimals, rounded half up (as Python's {@code f"{x:.6f}"} for these values). */
    private static String sixDecimals(double value) {
        long micro = Math.round(value * 1_000_000);
        return (micro / 1_000_000) + "." + pad(micro % 1_000_000, 6);
    }

    private static int between(SplittableRandom r, int low, int high) {
        return r.nextInt(low, high + 1);
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
