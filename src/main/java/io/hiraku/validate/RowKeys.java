package io.hiraku.validate;

import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import io.hiraku.source.RawRow;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A key over one or more fields, checked row by row: the primary key (present and unique), a unique
 * key (unique where present), or a foreign key (found among another dataset's keys). Memory holds the
 * keys seen (primary and unique keys) or the referenced keys (foreign keys).
 */
final class RowKeys implements AutoCloseable {
    /** What kind of key this is, with its error type. */
    enum Kind {
        PRIMARY("primary-key"), UNIQUE("unique-key"), FOREIGN("foreign-key");

        private final String errorType;

        Kind(String errorType) {
            this.errorType = errorType;
        }
    }

    private final Kind kind;
    private final int[] fieldIndexes;
    private final KeyIndex seen;
    private final Set<String> referenced;
    private final String referencedDataset;

    private RowKeys(Kind kind, int[] fieldIndexes, Set<String> referenced, String referencedDataset, long keyMemory) {
        this.seen = new KeyIndex(keyMemory);
        this.kind = kind;
        this.fieldIndexes = fieldIndexes;
        this.referenced = referenced;
        this.referencedDataset = referencedDataset;
    }

    /** @param keyMemory the bytes the keys seen may hold in memory before they go to temporary files */
    static RowKeys primary(TableSchema schema, long keyMemory) {
        return new RowKeys(Kind.PRIMARY, indexes(schema, schema.primaryKey()), null, null, keyMemory);
    }

    static RowKeys unique(TableSchema schema, List<String> fields, long keyMemory) {
        return new RowKeys(Kind.UNIQUE, indexes(schema, fields), null, null, keyMemory);
    }

    static RowKeys foreign(TableSchema schema, List<String> fields, String dataset, Set<String> keys) {
        return new RowKeys(Kind.FOREIGN, indexes(schema, fields), keys, dataset, 0);
    }

    private static int[] indexes(TableSchema schema, List<String> names) {
        return names.stream().mapToInt(schema::indexOf).toArray();
    }

    /** Whether none of the key's fields failed to read in this row (only then is the key checked). */
    boolean readable(boolean[] failed) {
        for (int f : fieldIndexes) {
            if (failed[f]) {
                return false;
            }
        }
        return true;
    }

    /** Checks the row's key; a problem goes to the report, located at the key's first field. */
    boolean check(Object[] values, RawRow row, long rowNumber, List<Field> fields, ColumnMapping columns,
                  ValidationReport report) {
        int present = 0;
        String keyText;
        if (fieldIndexes.length == 1) {
            Object v = values[fieldIndexes[0]];
            present = v != null && !(v instanceof Missing) ? 1 : 0;
            keyText = present == 1 ? FieldReader.canonical(v) : "";
        } else {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < fieldIndexes.length; i++) {
                Object v = values[fieldIndexes[i]];
                if (v != null && !(v instanceof Missing)) {
                    present++;
                }
                if (i > 0) {
                    key.append(ReferenceLookup.SEPARATOR);
                }
                key.append(v == null || v instanceof Missing ? "" : FieldReader.canonical(v));
            }
            keyText = key.toString();
        }
        int f = fieldIndexes[0];
        Field first = fields.get(f);
        if (present < fieldIndexes.length) {
            if (kind != Kind.PRIMARY) {
                return true;
            }
            return fail(row, rowNumber, first, f, columns, report, "",
                    "主キー「" + first.label() + "」が空です", "the primary key '" + first.name() + "' is empty");
        }
        if (kind == Kind.FOREIGN) {
            if (referenced.contains(keyText)) {
                return true;
            }
            return fail(row, rowNumber, first, f, columns, report, keyText.replace(ReferenceLookup.SEPARATOR, ", "),
                    "「" + keyText.replace(ReferenceLookup.SEPARATOR, "、") + "」はデータセット「" + referencedDataset
                            + "」にありません",
                    "'" + keyText.replace(ReferenceLookup.SEPARATOR, ", ") + "' is not in the dataset '"
                            + referencedDataset + "'");
        }
        long earlier = seen.putIfAbsent(keyText, rowNumber, row.line());
        if (earlier < 0) {
            return true;
        }
        return fail(row, rowNumber, first, f, columns, report, FieldReader.canonical(values[f]),
                nameJa() + "が " + earlier + " 行目と重複しています",
                "the " + nameEn() + " repeats that of row " + earlier);
    }

    /** The key as the receipts name it: 主キー / primary key, or a unique combination. */
    private String nameJa() {
        return kind == Kind.PRIMARY ? "主キー" : "組み合わせが重複できない列";
    }

    private String nameEn() {
        return kind == Kind.PRIMARY ? "primary key" : "unique key";
    }

    /**
     * The repeats found only after the last row, when the keys went past their memory to disk; each is
     * reported at its row, located at the key's first field. The number reported.
     */
    long reportLateRepeats(List<Field> fields, ColumnMapping columns, ValidationReport report) {
        long count = 0;
        int f = fieldIndexes[0];
        for (KeyIndex.Repeat r : seen.lateRepeats(ValidationReport.MAX_ISSUES)) {
            String shown = r.key().replace(ReferenceLookup.SEPARATOR, ", ");
            report.add(new Issue(kind.errorType, r.line(), r.row(), columns.column(f) + 1,
                    columns.label(columns.column(f)), fields.get(f).name(), shown,
                    nameJa() + "「" + shown + "」が " + r.firstRow() + " 行目と重複しています",
                    "the " + nameEn() + " '" + shown + "' repeats that of row " + r.firstRow()));
            report.rowInvalid();
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        seen.close();
    }

    private boolean fail(RawRow row, long rowNumber, Field field, int f, ColumnMapping columns, ValidationReport report,
                         String cell, String ja, String en) {
        report.add(new Issue(kind.errorType, row.line(), rowNumber, columns.column(f) + 1,
                columns.label(columns.column(f)), field.name(), cell, ja, en));
        return false;
    }
}
