package io.hiraku.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON records as a table, streamed with Jackson: an array of objects, NDJSON (one object per line),
 * or a GeoJSON FeatureCollection (properties become columns; the geometry becomes {@code geometry} as
 * GeoJSON text, plus {@code latitude}/{@code longitude} for points). The first record's keys make the
 * header row; nested values are kept as JSON text. One record in memory at a time.
 */
public final class JsonRecordReader implements RecordReader {
    /** Numbers keep the digits the file wrote: no detour through double. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int MAX_NESTING = 64;
    private static final int MAX_STRING = 10_000_000;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_STRING)
                    .build())
            .build();

    private final JsonParser parser;
    private final boolean geoJson;
    private final boolean inArray;
    private List<String> keys;
    private ObjectNode first;
    private boolean headerSent;
    private long recordNumber;

    private JsonRecordReader(JsonParser parser, boolean geoJson, boolean inArray) {
        this.parser = parser;
        this.geoJson = geoJson;
        this.inArray = inArray;
    }

    public static JsonRecordReader open(Path file, DetectedCharset charset) throws IOException {
        return reading(file, charset, parser -> start(parser, file, charset));
    }

    /** What is made of a parser at the start of the file's text. */
    private interface Reading {
        JsonRecordReader from(JsonParser parser) throws IOException;
    }

    /**
     * A parser at the start of the file's text (after its byte-order mark), given to {@code reading}; closed
     * if that fails, and JSON the parser refuses there is refused naming where.
     */
    private static JsonRecordReader reading(Path file, DetectedCharset charset, Reading reading) throws IOException {
        InputStream in = Files.newInputStream(file);
        JsonParser parser;
        try {
            in.skipNBytes(charset.bomLength());
            parser = FACTORY.createParser(new InputStreamReader(in, charset.charset()));
            parser.setCodec(JSON);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        try {
            return reading.from(parser);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            parser.close();
            throw invalid(e);
        } catch (IOException | RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    private static JsonRecordReader start(JsonParser parser, Path file, DetectedCharset charset) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY) {
            return new JsonRecordReader(parser, false, true);
        }
        if (token != JsonToken.START_OBJECT) {
            throw malformed(parser, "JSONの先頭が配列でもオブジェクトでもありません",
                    "the JSON does not start with an array or an object");
        }
        // the root object field by field, never whole: a GeoJSON FeatureCollection's features stream from
        // where they start (reading it as one tree first held the whole file in memory)
        ObjectNode root = JSON.createObjectNode();
        boolean featuresSkipped = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                if ("FeatureCollection".equals(root.path("type").asText())) {
                    return new JsonRecordReader(parser, true, true);
                }
                parser.skipChildren();   // "type" may come after it: not held in memory meanwhile
                featuresSkipped = true;
                continue;
            }
            root.set(name, parser.readValueAsTree());
        }
        if ("FeatureCollection".equals(root.path("type").asText())) {
            parser.close();
            // its "type" came after its features: read again, up to the features, which stream
            return reading(file, charset, JsonRecordReader::atFeatures);
        }
        if (featuresSkipped) {
            parser.close();
            // an NDJSON record with a "features" field of its own: read again, that first record whole (small)
            return reading(file, charset, again -> {
                again.nextToken();
                return startingWith(again, again.readValueAsTree());
            });
        }
        return startingWith(parser, root);
    }

    /** NDJSON whose first record has been read. */
    private static JsonRecordReader startingWith(JsonParser parser, ObjectNode first) {
        JsonRecordReader ndjson = new JsonRecordReader(parser, false, false);
        ndjson.first = first;
        return ndjson;
    }

    /** A FeatureCollection read from its start to its "features" array, so features stream one by one. */
    private static JsonRecordReader atFeatures(JsonParser parser) throws IOException {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                return new JsonRecordReader(parser, true, true);
            }
            parser.skipChildren();
        }
        throw new MalformedTableException(0, "GeoJSONに features がありません", "the GeoJSON has no features array", null);
    }

    @Override
    public RawRow next() throws IOException {
        try {
            return read();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** JSON the parser refuses, as a department reads it: where (line, column) and what is wrong. */
    private static MalformedTableException invalid(com.fasterxml.jackson.core.JsonProcessingException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            boolean nesting = e.getOriginalMessage().contains("nesting");
            return new MalformedTableException(line, nesting
                    ? line + "行目のJSONの入れ子が深すぎます（" + MAX_NESTING + " 段まで）"
                    : line + "行目のJSONの値が長すぎます（" + MAX_STRING + " 文字まで）", nesting
                    ? "the JSON at line " + line + " is nested deeper than " + MAX_NESTING + " levels"
                    : "a value in the JSON at line " + line + " is longer than " + MAX_STRING + " characters", e);
        }
        long column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        String what = e.getOriginalMessage().replaceAll("\\s*\\n.*", "");
        return new MalformedTableException(line,
                line + "行目" + (column > 0 ? column + "文字目" : "") + "のJSONが正しくありません: " + what,
                "the JSON is not valid at line " + line + (column > 0 ? ", column " + column : "") + ": " + what, e);
    }

    private RawRow read() throws IOException {
        if (!headerSent) {
            ObjectNode record = nextRecord();
            if (record == null) {
                return null;
            }
            first = record;
            Map<String, String> flat = flatten(record);
            keys = new ArrayList<>(flat.keySet());
            headerSent = true;
            return new RawRow(0, keys.toArray(String[]::new));
        }
        long line = parser.currentLocation().getLineNr();
        ObjectNode record = first != null ? first : nextRecord();
        first = null;
        if (record == null) {
            return null;
        }
        Map<String, String> flat = flatten(record);
        String[] cells = new String[keys.size()];
        for (int i = 0; i < cells.length; i++) {
            String value = flat.remove(keys.get(i));
            cells[i] = value == null ? "" : value;
        }
        if (!flat.isEmpty()) {
            String key = flat.keySet().iterator().next();
            throw new MalformedTableException(line,
                    recordNumber + "件目のレコードに、最初のレコードにない項目「" + key + "」があります",
                    "record " + recordNumber + " has the key '" + key + "', which the first record does not have", null);
        }
        return new RawRow(recordNumber, cells);
    }

    private ObjectNode nextRecord() throws IOException {
        if (first != null && !headerSent) {
            ObjectNode record = first;
            first = null;
            recordNumber++;
            return record;
        }
        JsonToken token = parser.nextToken();
        if (token == null || (inArray && token == JsonToken.END_ARRAY)) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw malformed(parser, (recordNumber + 1) + "件目がオブジェクト（{…}）ではありません",
                    "record " + (recordNumber + 1) + " is not an object ({…})");
        }
        recordNumber++;
        return parser.readValueAsTree();
    }

    /** A record as column → text: GeoJSON features are flattened to properties plus geometry columns. */
    private Map<String, String> flatten(ObjectNode record) {
        Map<String, String> flat = new LinkedHashMap<>();
        JsonNode values = geoJson ? record.path("properties") : record;
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flat.put(e.getKey(), text(e.getValue()));
        }
        if (geoJson) {
            JsonNode geometry = record.path("geometry");
            flat.put("geometry", geometry.isMissingNode() || geometry.isNull() ? "" : geometry.toString());
            boolean point = "Point".equals(geometry.path("type").asText());
            flat.put("latitude", point ? text(geometry.path("coordinates").path(1)) : "");
            flat.put("longitude", point ? text(geometry.path("coordinates").path(0)) : "");
        }
        return flat;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static MalformedTableException malformed(JsonParser parser, String ja, String en) {
        long line = parser.currentLocation().getLineNr();
        return new MalformedTableException(line, line + "行目: " + ja, "line " + line + ": " + en, null);
    }

    @Override
    public String describe() {
        return geoJson ? "GeoJSON FeatureCollection" : inArray ? "JSON (array of records)" : "NDJSON";
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
