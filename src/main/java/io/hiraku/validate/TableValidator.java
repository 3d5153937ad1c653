package io.hiraku.validate;

import io.hiraku.normalize.InvalidValueException;
import io.hiraku.normalize.Municipalities;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.ForeignKey;
import io.hiraku.schema.MunicipalityCheck;
import java.util.ArrayList;
import java.util.Set;
import java.util.Optional;
import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import io.hiraku.source.CharsetDetector;
import io.hiraku.source.DetectedCharset;
import io.hiraku.source.MalformedTableException;
import io.hiraku.source.RawRow;
import io.hiraku.source.ReadAhead;
import io.hiraku.source.Sources;
import io.hiraku.source.Table;
import io.hiraku.source.UndecodableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a dropped file through decoding, table location, typing, normalization and constraint
 * checks, handing each valid row to a {@link RowSink}. Memory holds one row, plus the keys of
 * unique and primary-key columns. Rows stop flowing to the sink at the first error (the file will
 * be rejected), but checking goes on to the end so that the receipt lists every problem.
 */
public final class TableValidator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableValidator.class);
    private final CharsetDetector detector = new CharsetDetector();
    private final io.hiraku.source.Limits limits;

    public TableValidator() {
        this(io.hiraku.source.Limits.DEFAULT);
    }

    /** @param limits what one file may ask before it is refused (record length, columns) */
    public TableValidator(io.hiraku.source.Limits limits) {
        this.limits = limits;
    }

    public ValidationReport validate(Path file, DatasetDefinition definition, RowSink sink) throws IOException {
        return validate(file, definition, sink, ReferenceLookup.NONE);
    }

    /** @param references the keys of other published datasets, for foreign keys */
    public ValidationReport validate(Path file, DatasetDefinition definition, RowSink sink, ReferenceLookup references)
            throws IOException {
        ValidationReport report = new ValidationReport();
        DetectedCharset charset = null;
        if (Sources.needsCharset(file)) {
            try {
                charset = detector.detect(file, definition.source().encoding());
            } catch (UndecodableFileException e) {
                report.add(Issue.ofFile("encoding-error", e.line(), e.messageJa(), e.getMessage()));
                return report;
            }
            report.encoding(charset.name(), charset.reasonJa(), charset.reasonEn());
        }
        try (Table table = Sources.open(file, charset, definition.source(), limits)) {
            report.format(table.describe());
            report.getMetadataRows().putAll(table.metadata());
            report.headerLine(table.headerLine());
            ColumnMapping columns = ColumnMapping.of(definition.schema(), definition.source().columns(), table.header(),
                    table.headerLine(), report);
            readRows(table, definition.schema(), columns, report, sink, definition.errorPolicy().publishesValidRows(),
                    definition.municipalityChecks(), references, new Progress(file, definition.id(), table),
                    limits.keyMemoryBytes());
            report.skipped(table.skipped());
        } catch (MalformedTableException e) {
            report.add(Issue.ofFile("source-error", e.line() > 0 ? e.line() : null, e.messageJa(), e.getMessage()));
        }
        return report;
    }

    /** Every ten seconds of a long read, a log line with the rows read so far and the share of the file. */
    private static final class Progress {
        private static final long EVERY_NANOS = 10_000_000_000L;
        private final Path file;
        private final String dataset;
        private final Table table;
        private final long size;
        private final long started = System.nanoTime();
        private long last = started;

        Progress(Path file, String dataset, Table table) throws IOException {
            this.file = file;
            this.dataset = dataset;
            this.table = table;
            this.size = Files.size(file);
        }

        void report(long rows) {
            long now = System.nanoTime();
            if (now - last < EVERY_NANOS) {
                return;
            }
            last = now;
            long read = table.bytesRead();
            long rate = rows * 1_000_000_000L / Math.max(1, now - started);
            if (read >= 0 && size > 0) {
                LOG.info("{} ({}): {} rows read, {}% of the file, {} rows/s", file.getFileName(), dataset, rows,
                        Math.min(100, read * 100 / size), rate);
            } else {
                LOG.info("{} ({}): {} rows read, {} rows/s", file.getFileName(), dataset, rows, rate);
            }
        }
    }

    /**
     * @param keepValidRows whether valid rows still go to the sink after an error (the dataset publishes
     *                      its valid rows); otherwise the sink gets nothing after the first error
     */
    private static void readRows(Table table, TableSchema schema, ColumnMapping columns, ValidationReport report,
                                 RowSink sink, boolean keepValidRows, List<MunicipalityCheck> municipalityChecks,
                                 ReferenceLookup references, Progress progress, long keyMemory) throws IOException {
        List<KeyIndex> seen = new java.util.ArrayList<>();
        List<RowKeys> keys = new java.util.ArrayList<>();
        try {
            readRows(table, schema, columns, report, sink, keepValidRows, municipalityChecks, references, progress,
                    keyMemory, seen, keys);
        } finally {
            seen.stream().filter(java.util.Objects::nonNull).forEach(KeyIndex::close);
            keys.forEach(RowKeys::close);
        }
    }

    private static void readRows(Table table, TableSchema schema, ColumnMapping columns, ValidationReport report,
                                 RowSink sink, boolean keepValidRows, List<MunicipalityCheck> municipalityChecks,
                                 ReferenceLookup references, Progress progress, long keyMemory, List<KeyIndex> seen,
                                 List<RowKeys> keys) throws IOException {
        List<Field> fields = schema.fields();
        FieldReader[] readers = new FieldReader[fields.size()];
        keyMemory = keyMemory / Math.max(1, keyChecks(schema)); // the budget is the file's, shared by its key checks
        for (int f = 0; f < readers.length; f++) {
            try {
                readers[f] = new FieldReader(fields.get(f), schema.missingValues());
            } catch (IllegalArgumentException e) {
                report.add(Issue.ofFile("definition-error", null,
                        "データセット定義に誤りがあります（オープンデータ担当に連絡してください）: " + e.getMessage(),
                        "the dataset definition is wrong (tell the open-data team): " + e.getMessage()));
                return;
            }
            seen.add(checkedAlone(schema, fields.get(f)) ? new KeyIndex(keyMemory) : null);
        }
        List<RowKeys> rowKeys = rowKeys(schema, references, report, keyMemory);
        if (rowKeys == null) {
            return;
        }
        keys.addAll(rowKeys);
        RowCheck check = new RowCheck(table, schema, columns, report, sink, keepValidRows, municipalityChecks, readers,
                seen, keys, PlaceCheck.of(schema));
        long rowNumber = 0;
        try (ReadAhead<RawRow> rows = ReadAhead.of(table.iterator(), 256, 4, table.describe())) {
            while (rows.hasNext()) {
                RawRow row = rows.next();
                if ((++rowNumber & 0xFFFF) == 0) {
                    progress.report(rowNumber);
                }
                check.row(row, rowNumber);
            }
        }
        report.rows(rowNumber);
        reportLateRepeats(fields, columns, report, keepValidRows, seen, keys);
        for (FieldReader reader : readers) {
            if (!reader.counts().isEmpty()) {
                report.getNormalizations().put(reader.field().name(), reader.counts().asMap());
            }
        }
    }

    /**
     * What every row of a file is checked with, and the check of one row: its width, cells under no header, each
     * field's value (with repeats of unique fields), latitude and longitude together, municipality codes and keys;
     * a valid row goes to the sink.
     */
    private record RowCheck(Table table, TableSchema schema, ColumnMapping columns, ValidationReport report, RowSink sink,
                            boolean keepValidRows, List<MunicipalityCheck> municipalityChecks, FieldReader[] readers,
                            List<KeyIndex> seen, List<RowKeys> keys, PlaceCheck place) {
        void row(RawRow row, long rowNumber) throws IOException {
            List<Field> fields = schema.fields();
            String[] cells = row.cells();
            if (cells.length > columns.width() && blankFrom(cells, columns.width())) {
                cells = java.util.Arrays.copyOf(cells, columns.width());
            } else if (cells.length < columns.width() && table.shortRowsAreComplete()) {
                int given = cells.length;
                cells = java.util.Arrays.copyOf(cells, columns.width());
                java.util.Arrays.fill(cells, given, cells.length, "");
            }
            if (cells.length != columns.width()) {
                report.add(new Issue(cells.length > columns.width() ? "extra-cell" : "missing-cell", row.line(),
                        rowNumber, null, null, null, null,
                        row.line() + "行目の列の数が " + cells.length + " です（" + columns.widthJa()
                                + "）。カンマや引用符（\"）、セル内の改行を確認してください",
                        "line " + row.line() + " has " + cells.length + " cells but " + columns.widthEn()
                                + "; check for stray commas, quotes (\") or line breaks in cells"));
                report.rowInvalid();
                return;
            }
            boolean rowValid = true;
            for (int col : columns.unnamed()) {
                if (!cells[col].isBlank()) {
                    rowValid = false;
                    report.add(new Issue("blank-label", row.line(), rowNumber, col + 1, null, null, cells[col],
                            (col + 1) + "列目には見出しがありませんが、値「" + cells[col] + "」が入っています。"
                                    + "見出しを付けるか、値を消してください",
                            "column " + (col + 1) + " has no header but holds '" + cells[col]
                                    + "'; give the column a header or clear the value"));
                }
            }
            Object[] values = new Object[readers.length];
            boolean[] failed = new boolean[readers.length];
            List<Issue> placeIssues = null; // held until it is known whether latitude and longitude are swapped
            for (int f = 0; f < readers.length; f++) {
                int col = columns.column(f);
                if (col < 0) {
                    continue;
                }
                String raw = cells[col];
                try {
                    values[f] = readers[f].read(raw);
                    KeyIndex unique = seen.get(f);
                    if (unique != null && values[f] != null && !(values[f] instanceof Missing)) {
                        long first = unique.putIfAbsent(FieldReader.canonical(values[f]), rowNumber, row.line());
                        if (first >= 0) {
                            throw repeated(raw, first);
                        }
                    }
                } catch (InvalidValueException e) {
                    rowValid = false;
                    failed[f] = true;
                    Issue issue = new Issue(e.code(), row.line(), rowNumber, col + 1, columns.label(col),
                            fields.get(f).name(), raw, e.messageJa(), e.messageEn());
                    if (place != null && place.covers(f)) {
                        placeIssues = placeIssues == null ? new java.util.ArrayList<>() : placeIssues;
                        placeIssues.add(issue);
                    } else {
                        report.add(issue);
                    }
                }
            }
            if (place != null) {
                List<Issue> problems = place.problems(values, placeIssues, cells, columns, row.line(), rowNumber);
                if (!problems.isEmpty()) {
                    rowValid = false;
                    problems.forEach(report::add);
                }
            }
            for (MunicipalityCheck check : municipalityChecks) {
                rowValid &= checkMunicipality(check, schema, values, failed, row, rowNumber, columns, report);
            }
            for (RowKeys key : keys) {
                if (key.readable(failed)) {
                    rowValid &= key.check(values, row, rowNumber, fields, columns, report);
                }
            }
            if (!rowValid) {
                report.rowInvalid();
            } else if (keepValidRows ? report.getFileErrorCount() == 0 : report.valid()) {
                sink.accept(rowNumber, values);
            }
        }
    }

    /** How many key indexes a file needs: unique fields checked alone, the primary key and unique keys. */
    private static int keyChecks(TableSchema schema) {
        int n = (schema.primaryKey().isEmpty() ? 0 : 1) + schema.uniqueKeys().size();
        for (Field field : schema.fields()) {
            if (checkedAlone(schema, field)) {
                n++;
            }
        }
        return n;
    }

    /** A unique field has an index of its own, unless it is the whole primary key (then checked once, as that). */
    private static boolean checkedAlone(TableSchema schema, Field field) {
        return field.constraints().isUnique() && !schema.primaryKey().equals(List.of(field.name()));
    }

    /** A value of a unique field seen before, in the row given. */
    private static InvalidValueException repeated(String value, long firstRow) {
        return new InvalidValueException("constraint-unique",
                "「" + value + "」は " + firstRow + " 行目と重複しています（この列は重複できません）",
                "'" + value + "' repeats the value of row " + firstRow + " (this column must be unique)");
    }

    /**
     * The repeats of unique and primary keys found after the last row, when there were more keys than
     * their memory holds (hiraku.limits.key-memory-mb). Their rows were handed on as valid when read, so a
     * dataset that publishes its valid rows cannot leave them out now: the file is refused as a whole.
     */
    private static void reportLateRepeats(List<Field> fields, ColumnMapping columns, ValidationReport report,
                                          boolean keepValidRows, List<KeyIndex> seen, List<RowKeys> keys) {
        long late = 0;
        for (int f = 0; f < seen.size(); f++) {
            KeyIndex index = seen.get(f);
            if (index == null || !index.spilled()) {
                continue;
            }
            int col = columns.column(f);
            for (KeyIndex.Repeat r : index.lateRepeats(ValidationReport.MAX_ISSUES)) {
                InvalidValueException e = repeated(r.key(), r.firstRow());
                report.add(new Issue(e.code(), r.line(), r.row(), col + 1, columns.label(col),
                        fields.get(f).name(), r.key(), e.messageJa(), e.messageEn()));
                report.rowInvalid();
                late++;
            }
        }
        for (RowKeys key : keys) {
            late += key.reportLateRepeats(fields, columns, report);
        }
        if (late > 0 && keepValidRows) {
            report.add(Issue.ofFile("key-repeats-after-reading", null,
                    "行数が多いため重複の確認はファイルを読み終えてから行われ、重複が " + late
                            + " 件見つかりました。有効な行だけを公開することはできないので、重複を直して置き直してください",
                    "the file has more keys than the check holds in memory, so repeats were found after reading it ("
                            + late + "); its valid rows cannot be published without them: fix the repeats and drop it again"));
        }
    }

    /** The names beside a 全国地方公共団体コード must be that code's (焼津市 is 222127 in 静岡県). */
    private static boolean checkMunicipality(MunicipalityCheck check, TableSchema schema, Object[] values,
                                             boolean[] failed, RawRow row, long rowNumber, ColumnMapping columns,
                                             ValidationReport report) {
        int code = schema.indexOf(check.code());
        if (failed[code] || !(values[code] instanceof String codeValue)) {
            return true;
        }
        Optional<Municipalities.Entry> entry = Municipalities.byCode(codeValue);
        if (entry.isEmpty()) {
            report.add(new Issue("municipality-unknown", row.line(), rowNumber, columns.column(code) + 1,
                    columns.label(columns.column(code)), check.code(), codeValue,
                    "全国地方公共団体コード「" + codeValue + "」に当たる団体がありません",
                    "no local government has the code '" + codeValue + "'"));
            return false;
        }
        boolean ok = true;
        ok &= sameName(check.prefecture(), entry.get().prefecture(), codeValue, schema, values, failed, row, rowNumber,
                columns, report);
        if (!entry.get().municipality().isEmpty()) {
            ok &= sameName(check.municipality(), entry.get().municipality(), codeValue, schema, values, failed, row,
                    rowNumber, columns, report);
        }
        return ok;
    }

    private static boolean sameName(String field, String expected, String code, TableSchema schema, Object[] values,
                                    boolean[] failed, RawRow row, long rowNumber, ColumnMapping columns,
                                    ValidationReport report) {
        if (field == null) {
            return true;
        }
        int f = schema.indexOf(field);
        if (failed[f] || !(values[f] instanceof String name) || name.equals(expected)) {
            return true;
        }
        report.add(new Issue("municipality-mismatch", row.line(), rowNumber, columns.column(f) + 1,
                columns.label(columns.column(f)), field, name,
                "「" + name + "」はコード " + code + " の団体名（" + expected + "）と違います",
                "'" + name + "' does not match the code " + code + ", which is " + expected));
        return false;
    }

    private static boolean blankFrom(String[] cells, int from) {
        for (int i = from; i < cells.length; i++) {
            if (!cells[i].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The primary, unique and foreign keys to check; null (with a report entry) if a reference is missing. */
    private static List<RowKeys> rowKeys(TableSchema schema, ReferenceLookup references, ValidationReport report,
                                         long keyMemory) {
        List<RowKeys> keys = new ArrayList<>();
        if (!schema.primaryKey().isEmpty()) {
            keys.add(RowKeys.primary(schema, keyMemory));
        }
        for (List<String> unique : schema.uniqueKeys()) {
            keys.add(RowKeys.unique(schema, unique, keyMemory));
        }
        for (ForeignKey fk : schema.foreignKeys()) {
            String dataset = fk.reference().resource();
            Optional<Set<String>> referenced = references.keys(dataset, fk.reference().fields());
            if (referenced.isEmpty()) {
                report.add(Issue.ofFile("foreign-key-reference", null,
                        "参照先のデータセット「" + dataset + "」がまだ公開されていないため、" + fk.fields() + " を確認できません",
                        "the referenced dataset '" + dataset + "' is not published, so " + fk.fields()
                                + " cannot be checked"));
                return null;
            }
            keys.add(RowKeys.foreign(schema, fk.fields(), dataset, referenced.get()));
        }
        return keys;
    }
}
