package io.hiraku.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hiraku.normalize.DateParser;
import io.hiraku.normalize.InvalidValueException;
import io.hiraku.normalize.NormalizationCounts;
import io.hiraku.normalize.NumberParser;
import io.hiraku.source.CharsetDetector;
import io.hiraku.source.DetectedCharset;
import io.hiraku.source.MalformedTableException;
import io.hiraku.source.RawRow;
import io.hiraku.source.Sources;
import io.hiraku.source.Table;
import io.hiraku.schema.SourceHints;
import io.hiraku.source.UndecodableFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * For a file that no definition matches: finds its header and writes a dataset definition to start
 * from, with each column's type inferred from every row (integer, number, date,
 * boolean as 有/無, else string; codes with leading zeros stay strings), streaming: memory holds the
 * first rows, to find the header, and one guess per column. The department or open-data team fills
 * in the titles and drops it back.
 */
public final class DefinitionProposer {
    /** The words a proposed definition leaves for people to replace: its title (ja, en) and description. */
    public static final List<String> PLACEHOLDERS = List.of("（データセットの名前）", "(dataset title)", "（内容の説明）");
    /** A unit written in a header: 金額（千円）, 割合(%), 人口（人）. */
    private static final Pattern UNIT_IN_HEADER = Pattern.compile(
            ".*[（(]\\s*(?:単位[:：]\\s*)?(千円|百万円|億円|円|%|％|人|件|世帯|戸|㎡|m2|ha|km|kg|t|台|箇所|床|回)\\s*[)）]");

    /** Marks statistical tables put in number cells, with what they usually mean there. */
    private static final Map<String, String> STATISTICAL_MARKERS = Map.of(
            "-", "該当なし", "－", "該当なし", "…", "不詳", "...", "不詳", "x", "秘匿", "X", "秘匿", "***", "秘匿",
            "秘匿", "秘匿", "*", "秘匿");

    /** Rows kept to decide where the header is. */
    private static final int SAMPLE_ROWS = 1000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> YES_NO = Set.of("有", "無");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** A suggested dataset id for a file name: its ASCII letters and digits, lowercased. */
    public static String suggestId(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = (dot > 0 ? fileName.substring(0, dot) : fileName).toLowerCase(Locale.ROOT);
        String id = stem.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "new-dataset" : id;
    }

    /**
     * A dataset's definition brought to the columns of a file it takes (columns added, removed or renamed): each
     * column the definition has keeps its field as it is (its name, type, constraints), a column under another
     * heading where exactly one field is missing keeps that field with the new heading as its title, a new column
     * gets a field inferred from the file; fields with no column are left out, and so is a primary key naming one.
     * Everything else in the definition stays (its comments do not). Empty when the file cannot be read as a table,
     * or the definition's fields come from a standard template (the file should follow the standard).
     *
     * @param definitionYaml the definition as written in the catalog folder
     */
    public Optional<String> update(Path file, String fileName, String definitionYaml, String definitionName)
            throws IOException {
        JsonNode root = YAML.readTree(definitionYaml);
        if (!(root instanceof ObjectNode definition) || definition.has("template")
                || !definition.path("schema").path("fields").isArray()) {
            return Optional.empty(); // looked at before the file is read through to infer its columns
        }
        Optional<String> inferred = propose(file, fileName);
        if (inferred.isEmpty()) {
            return Optional.empty();
        }
        JsonNode had = definition.path("schema").path("fields");
        JsonNode columns = YAML.readTree(inferred.get()).path("schema").path("fields");
        int[] columnOfField = new int[had.size()];
        int[] fieldOfColumn = new int[columns.size()];
        java.util.Arrays.fill(columnOfField, -1);
        java.util.Arrays.fill(fieldOfColumn, -1);
        List<Integer> extras = new ArrayList<>();
        for (int col = 0; col < columns.size(); col++) {
            String heading = ColumnMapping.key(columns.get(col).path("title").asText());
            for (int f = 0; f < had.size() && fieldOfColumn[col] < 0; f++) {
                if (columnOfField[f] < 0 && (heading.equals(ColumnMapping.key(had.get(f).path("name").asText()))
                        || heading.equals(ColumnMapping.key(had.get(f).path("title").asText())))) {
                    columnOfField[f] = col;
                    fieldOfColumn[col] = f;
                }
            }
            if (fieldOfColumn[col] < 0) {
                extras.add(col);
            }
        }
        Map<Integer, Integer> renamed = ColumnMapping.renamed(columnOfField, extras, columns.size());
        ArrayNode fields = YAML.createArrayNode();
        List<String> changes = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int col = 0; col < columns.size(); col++) {
            JsonNode field;
            if (fieldOfColumn[col] >= 0) {
                field = had.get(fieldOfColumn[col]);
            } else if (renamed.containsKey(col)) {
                JsonNode before = had.get(renamed.get(col));
                String heading = columns.get(col).path("title").asText();
                field = before.deepCopy();
                ((ObjectNode) field).put("title", heading);
                changes.add("renamed " + before.path("title").asText(before.path("name").asText()) + " → " + heading);
            } else {
                field = columns.get(col);
                changes.add("added " + field.path("title").asText());
            }
            names.add(field.path("name").asText());
            fields.add(field);
        }
        for (int f = 0; f < had.size(); f++) {
            if (columnOfField[f] < 0 && !renamed.containsValue(f)) {
                changes.add("removed " + had.get(f).path("title").asText(had.get(f).path("name").asText()));
            }
        }
        ObjectNode schema = (ObjectNode) definition.get("schema");
        schema.set("fields", fields);
        JsonNode key = schema.path("primaryKey");
        if (key.isTextual() && !names.contains(key.asText())) {
            schema.remove("primaryKey");
            changes.add("primary key " + key.asText() + " left out (it has no column)");
        } else if (key.isArray()) {
            ArrayNode kept = YAML.createArrayNode();
            key.forEach(k -> {
                if (names.contains(k.asText())) {
                    kept.add(k);
                }
            });
            if (kept.size() == key.size()) {
                schema.set("primaryKey", kept);
            } else {
                schema.remove("primaryKey");
                changes.add("primary key " + key + " left out (a field of it has no column)");
            }
        }
        if (changes.isEmpty()) {
            changes.add("its fields in the file's order");
        }
        return Optional.of("# " + definitionName + " brought to the columns of " + fileName + ": " + String.join("; ", changes)
                + ".\n# Everything else is as it was (its comments are not kept). Check the fields added.\n"
                + YAML.writeValueAsString(definition));
    }

    /** The proposed definition as YAML, or empty when the file cannot be read as a table at all. */
    public Optional<String> propose(Path file, String fileName) throws IOException {
        return proposal(file, fileName).definition();
    }

    /**
     * What can be proposed for a file: a definition, or why the file cannot be read as a table (said in
     * the receipt too, so that a department does not rename a file only to learn it is broken).
     */
    public record Proposal(String yaml, String problemJa, String problemEn) {
        public Optional<String> definition() {
            return Optional.ofNullable(yaml);
        }
    }

    public Proposal proposal(Path file, String fileName) throws IOException {
        DetectedCharset charset = null;
        if (Sources.needsCharset(file)) {
            try {
                charset = new CharsetDetector().detect(file, "auto");
            } catch (UndecodableFileException e) {
                return new Proposal(null, e.messageJa(), e.getMessage());
            }
        }
        SourceHints positional = SourceHints.DEFAULT.withHeaderRow(0);
        try (Table table = Sources.open(file, charset, positional)) {
            List<String[]> sample = new ArrayList<>();
            java.util.Iterator<RawRow> rows = table.iterator();
            while (sample.size() < SAMPLE_ROWS && rows.hasNext()) {
                sample.add(rows.next().cells());
            }
            Layout layout = Layout.of(table.header().orElse(null), table.metadata().get("property"), sample);
            List<ColumnGuess> columns = new ArrayList<>();
            for (int i = 0; i < layout.titles.size(); i++) {
                columns.add(new ColumnGuess());
            }
            for (String[] cells : sample.subList(layout.firstDataRow, sample.size())) {
                see(columns, cells);
            }
            while (rows.hasNext()) {
                see(columns, rows.next().cells());
            }
            return new Proposal(yaml(fileName, layout, columns, charset == null ? "xlsx" : charset.name(),
                    table.metadata()), null, null);
        } catch (MalformedTableException e) {
            return new Proposal(null, e.messageJa(), e.getMessage());
        }
    }

    private static Map<String, String> marker(String value, String label) {
        Map<String, String> marker = new LinkedHashMap<>();
        marker.put("value", value);
        marker.put("label", label);
        return marker;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    /** Every column sees a value; cells a spreadsheet row leaves out are empty. */
    private static void see(List<ColumnGuess> columns, String[] cells) {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).see(i < cells.length ? cells[i] : "");
        }
    }

    /** Where the column names come from: a header row, Takamatsu's #property row, or nowhere. */
    private static final class Layout {
        private List<String> titles;
        private List<String> names;
        private int headerRow;
        private int firstDataRow;

        static Layout of(List<String> header, List<String> property, List<String[]> sample) {
            Layout layout = new Layout();
            int width = sample.stream().mapToInt(r -> r.length).max().orElse(header == null ? 0 : header.size());
            if (header != null) {
                layout.titles = header;
                layout.headerRow = 1;
            } else if (property != null && property.size() >= width - 1 && property.size() <= width) {
                List<String> titles = new ArrayList<>();
                if (property.size() == width - 1) {
                    titles.add("no");
                }
                titles.addAll(property);
                layout.titles = titles;
            } else if (headerCandidate(sample, width) >= 0
                    && looksLikeHeader(sample.subList(headerCandidate(sample, width), sample.size()))) {
                int row = headerCandidate(sample, width);
                layout.titles = List.of(sample.get(row));
                layout.headerRow = row + 1;
                layout.firstDataRow = row + 1;
            } else {
                List<String> titles = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    titles.add("");
                }
                layout.titles = titles;
            }
            layout.names = new ArrayList<>();
            for (int i = 0; i < layout.titles.size(); i++) {
                String label = layout.titles.get(i).strip();
                String name = IDENTIFIER.matcher(label).matches() ? label : "column" + (i + 1);
                layout.names.add(layout.names.contains(name) ? name + "_" + (i + 1) : name);
            }
            return layout;
        }

        /**
         * The first row that fills at least half of the table's width (and two cells): rows above it
         * are titles and notes, as in workbooks that explain themselves before the table starts.
         */
        private static int headerCandidate(List<String[]> sample, int width) {
            for (int i = 0; i < Math.min(sample.size(), 100); i++) {
                long filled = java.util.Arrays.stream(sample.get(i)).filter(c -> !c.isBlank()).count();
                if (filled >= 2 && filled * 2 >= width) {
                    return i;
                }
            }
            return -1;
        }

        /** Row 1 is a header when none of its cells reads as a number or date while later rows do, or
         * when all its cells are distinct short labels. */
        private static boolean looksLikeHeader(List<String[]> sample) {
            String[] first = sample.get(0);
            ColumnGuess[] firstRow = new ColumnGuess[first.length];
            for (int i = 0; i < first.length; i++) {
                firstRow[i] = new ColumnGuess();
                firstRow[i].see(first[i]);
                if (!firstRow[i].type().equals("string")) {
                    return false;
                }
            }
            if (sample.size() < 2) {
                return true;
            }
            for (int col = 0; col < first.length; col++) {
                ColumnGuess below = new ColumnGuess();
                for (String[] row : sample.subList(1, sample.size())) {
                    if (col < row.length) {
                        below.see(row[col]);
                    }
                }
                if (!below.type().equals("string")) {
                    return true;
                }
            }
            return java.util.Arrays.stream(first).distinct().count() == first.length
                    && java.util.Arrays.stream(first).allMatch(c -> c.length() <= 30);
        }
    }

    private static String yaml(String fileName, Layout layout, List<ColumnGuess> columns, String encoding,
                               Map<String, List<String>> metadata) throws JsonProcessingException {
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("title", Map.of("ja", PLACEHOLDERS.get(0), "en", PLACEHOLDERS.get(1)));
        String attribution = first(metadata.get("attribution_name"));
        def.put("description", Map.of("ja", attribution.isEmpty() ? PLACEHOLDERS.get(2)
                : PLACEHOLDERS.get(2) + "出典: " + attribution));
        String license = first(metadata.get("license"));
        if (license.startsWith("http")) {
            def.put("license", license);
        }
        def.put("updateFrequency", "irregular");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("files", List.of(fileName));
        if (layout.headerRow != 1) {
            source.put("headerRow", layout.headerRow);
        }
        def.put("source", source);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < layout.titles.size(); i++) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", layout.names.get(i));
            String title = layout.titles.get(i).strip();
            field.put("title", title.isEmpty() ? "（列" + (i + 1) + "）" : title);
            ColumnGuess guess = columns.get(i);
            field.put("type", guess.type());
            if (guess.needsBareNumberOff()) {
                field.put("bareNumber", false);
            }
            java.util.regex.Matcher unit = UNIT_IN_HEADER.matcher(title);
            if (unit.matches() && (guess.type().equals("integer") || guess.type().equals("number"))) {
                field.put("unit", unit.group(1));
            }
            if (guess.isPoint() && guess.isLatitudeFirst()) {
                field.put("coordinateOrder", "lat-lon");
            }
            if (guess.type().equals("boolean")) {
                field.put("trueValues", List.of("有"));
                field.put("falseValues", List.of("無"));
            }
            if (guess.filled > 0 && guess.empty == 0) {
                field.put("constraints", Map.of("required", true));
            }
            if (!guess.markers.isEmpty() && (guess.type().equals("integer") || guess.type().equals("number"))) {
                List<Object> missing = new ArrayList<>();
                missing.add(marker("", "空欄"));
                guess.markers.forEach(m -> missing.add(marker(m, STATISTICAL_MARKERS.get(m))));
                field.put("missingValues", missing);
            }
            fields.add(field);
        }
        def.put("schema", Map.of("fields", fields));
        return "# Proposed from " + fileName + " (" + encoding + "): check every type and fill in the titles.\n"
                + YAML.writeValueAsString(def);
    }

    /** Which types every non-empty cell seen so far fits. */
    private static final class ColumnGuess {
        private boolean integer = true;
        private boolean number = true;
        private boolean date = true;
        private boolean yesNo = true;
        private static final NumberParser WITH_TEXT = new NumberParser(null, null, false);
        /** Only units and currency around a number make it a number: 1,200円, 約30人, 12%; not 3F or 1号線. */
        private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
                "\\s*(約|¥|￥)?\\s*[△▲+\\-−]?[0-9０-９][0-9０-９,，.．]*\\s*(円|千円|万円|百万円|%|％|人|件|世帯|戸|㎡|ha|km|kg|台|箇所)?\\s*");
        private boolean textAroundNumbers;
        /**
         * Every cell two decimals with a comma between, one of them past ±90 (a longitude, within ±180) and always
         * the same one: a point ("34.34, 134.04": latitude first, as Japanese data writes it).
         */
        private static final Pattern POINT = Pattern.compile("\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*");
        private boolean point = true;
        private boolean latitudeFirst;
        private boolean longitudeFirst;
        private final java.util.Set<String> markers = new java.util.TreeSet<>();
        private int filled;
        private int empty;
        private final NormalizationCounts ignored = new NormalizationCounts();

        void see(String cell) {
            if (cell.isBlank()) {
                empty++;
                return;
            }
            String marker = io.hiraku.normalize.HalfWidth.trim(cell);
            if (STATISTICAL_MARKERS.containsKey(marker)) {
                markers.add(marker);
                empty++;
                return;
            }
            filled++;
            if ((integer || number) && hasLeadingZero(cell)) {
                integer = false;
                number = false;
            }
            if (number) {
                boolean bare = fits(() -> NumberParser.parseNumber(cell, ignored));
                boolean withUnit = !bare && NUMBER_WITH_UNIT.matcher(cell).matches()
                        && fits(() -> WITH_TEXT.number(cell, ignored));
                number = bare || withUnit;
                integer = integer && number && (bare ? fits(() -> NumberParser.parseInteger(cell, ignored))
                        : fits(() -> WITH_TEXT.integer(cell, ignored)));
                textAroundNumbers |= withUnit;
            } else {
                integer = false;
            }
            date = date && fits(() -> DateParser.parse(cell, ignored));
            yesNo = yesNo && YES_NO.contains(cell.strip());
            if (point) {
                seePoint(io.hiraku.normalize.HalfWidth.of(cell));
            }
        }

        private void seePoint(String cell) {
            java.util.regex.Matcher m = POINT.matcher(cell);
            if (!m.matches()) {
                point = false;
                return;
            }
            double first = Math.abs(Double.parseDouble(m.group(1)));
            double second = Math.abs(Double.parseDouble(m.group(2)));
            if (first > 180 || second > 180) {
                point = false;
            } else if (first <= 90 && second > 90) {
                latitudeFirst = true;
            } else if (first > 90 && second <= 90) {
                longitudeFirst = true;
            }
        }

        /** A geopoint column: which of the two comes first is plain from every row that says (Japan: 134 > 90). */
        boolean isPoint() {
            return point && filled > 0 && latitudeFirst != longitudeFirst;
        }

        boolean isLatitudeFirst() {
            return latitudeFirst;
        }

        /** Numbers that fit only once units or signs around them are dropped (1,200円, 12%). */
        boolean needsBareNumberOff() {
            return textAroundNumbers && (type().equals("integer") || type().equals("number"));
        }

        String type() {
            if (filled == 0) {
                return "string";
            }
            if (isPoint()) {
                return "geopoint";
            }
            if (integer) {
                return "integer";
            }
            if (number) {
                return "number";
            }
            if (date) {
                return "date";
            }
            return yesNo ? "boolean" : "string";
        }

        /** 0101, ０６０００００: a code, whose zeros would be lost as a number. */
        private static boolean hasLeadingZero(String cell) {
            String value = io.hiraku.normalize.HalfWidth.trim(io.hiraku.normalize.HalfWidth.of(cell));
            return value.length() > 1 && value.charAt(0) == '0' && Character.isDigit(value.charAt(1));
        }

        private static boolean fits(Parse parse) {
            try {
                parse.run();
                return true;
            } catch (InvalidValueException e) {
                return false;
            }
        }

        interface Parse {
            void run() throws InvalidValueException;
        }
    }
}
