package io.hiraku.publish;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A published CSV's rows sorted by key on disk (an external merge sort: runs of {@value #RUN} rows
 * sorted in memory, then merged), read back one row at a time. Memory holds one run while sorting and
 * one row per run while merging, whatever the size of the table.
 */
final class SortedRows implements Closeable {
    static final int RUN = 50_000;
    private static final char KEY_END = '\u0001';
    private static final char CELL = '\u0002';

    /** One row: its key and its cells (line breaks inside cells kept). */
    record Row(String key, String[] cells) {
    }

    private final List<String> header;
    private final BufferedReader sorted;
    private final Path file;

    private SortedRows(List<String> header, Path file) throws IOException {
        this.header = header;
        this.file = file;
        this.sorted = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /**
     * @param keyColumns the names of the key's columns; empty: the whole row is the key
     */
    static SortedRows of(InputStream csv, List<String> keyColumns, Path workDir) throws IOException {
        List<Path> runs = new ArrayList<>();
        List<String> header;
        try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            header = parser.getHeaderNames();
            int[] key = keyColumns.stream().mapToInt(header::indexOf).toArray();
            List<String> run = new ArrayList<>(RUN);
            for (CSVRecord record : parser) {
                run.add(line(record.values(), key));
                if (run.size() == RUN) {
                    runs.add(writeRun(run, workDir));
                    run.clear();
                }
            }
            runs.add(writeRun(run, workDir));
        }
        Path merged = Files.createTempFile(workDir, "sorted", ".rows");
        merge(runs, merged);
        return new SortedRows(header, merged);
    }

    private static String line(String[] cells, int[] key) {
        String[] escaped = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            escaped[i] = cells[i].replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
        }
        StringBuilder line = new StringBuilder();
        if (key.length == 0) {
            line.append(String.join(String.valueOf(CELL), escaped));
        } else {
            for (int i = 0; i < key.length; i++) {
                if (i > 0) {
                    line.append(CELL);
                }
                line.append(escaped[key[i]]);
            }
        }
        line.append(KEY_END).append(String.join(String.valueOf(CELL), escaped));
        return line.toString();
    }

    private static Path writeRun(List<String> lines, Path workDir) throws IOException {
        Collections.sort(lines);
        Path run = Files.createTempFile(workDir, "run", ".rows");
        Files.write(run, lines, StandardCharsets.UTF_8);
        return run;
    }

    private static void merge(List<Path> runs, Path target) throws IOException {
        record Head(String line, BufferedReader reader) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.line().compareTo(b.line()));
        List<BufferedReader> readers = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (Path run : runs) {
                BufferedReader reader = Files.newBufferedReader(run, StandardCharsets.UTF_8);
                readers.add(reader);
                String line = reader.readLine();
                if (line != null) {
                    heads.add(new Head(line, reader));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.write(head.line());
                out.newLine();
                String next = head.reader().readLine();
                if (next != null) {
                    heads.add(new Head(next, head.reader()));
                }
            }
        } finally {
            for (BufferedReader reader : readers) {
                reader.close();
            }
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
        }
    }

    List<String> header() {
        return header;
    }

    /** The next row in key order, or null at the end. */
    Row next() throws IOException {
        String line = sorted.readLine();
        if (line == null) {
            return null;
        }
        int end = line.indexOf(KEY_END);
        String[] cells = line.substring(end + 1).split(String.valueOf(CELL), -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = unescape(cells[i]);
        }
        return new Row(line.substring(0, end), cells);
    }

    private static String unescape(String cell) {
        if (cell.indexOf('\\') < 0) {
            return cell;
        }
        StringBuilder s = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                char n = cell.charAt(++i);
                s.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        sorted.close();
        Files.deleteIfExists(file);
    }
}
