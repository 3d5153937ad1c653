package io.hiraku.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code hiraku status} as a person reads it: the folders, a table of the datasets, then what needs attention. */
final class StatusText {
    private StatusText() {
    }

    static void print(Status.Report report, PrintStream out) {
        out.println("Hiraku status at " + minutes(report.checkedAt()));
        out.println("  work     " + report.work());
        out.println("  store    " + report.store());
        out.println("  catalog  " + report.catalog());
        out.println("  run      " + (report.run() == null ? "not running" : report.run()));
        out.println("  drops    " + report.waiting() + " waiting in the drop folders");
        Status.Disk disk = report.disk();
        out.println("  disk     " + (disk.freeBytes() < 0 ? "free space unknown" : io.hiraku.publish.ByteSize.human(disk.freeBytes())
                + " free") + "; archive " + disk.archivedFiles() + " file(s), "
                + io.hiraku.publish.ByteSize.human(disk.archivedBytes()) + (disk.keepDays() > 0 ? ", each kept " + disk.keepDays() + " day(s)"
                        : ", kept for good (" + Settings.ARCHIVE_KEEP_DAYS + ")"));
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DEPARTMENT", "DATASET", "STATE", "LATEST RELEASE", "ROWS", "NEXT UPDATE"});
        for (Status.Dataset d : report.datasets()) {
            rows.add(new String[] {d.department(), d.id(), d.state(), d.modified() == null ? "-" : minutes(d.modified()),
                    d.rows() == null ? "-" : String.format("%,d", d.rows()), d.nextUpdate() == null ? "-" : d.nextUpdate().substring(0, 10)});
        }
        long published = report.datasets().stream().filter(d -> d.release() != null).count();
        out.println("Datasets: " + report.datasets().size() + " defined, " + published + " published");
        table(rows, out);
        out.println();
        if (!report.needsAttention()) {
            out.println("Nothing needs attention.");
            return;
        }
        out.println("Needs attention (" + report.attention().size() + "):");
        for (Status.Attention a : report.attention()) {
            out.println("  [" + a.kind() + "] " + a.subject());
            out.println("      " + a.problem());
            out.println("      -> " + a.todo());
        }
    }

    /** Columns padded to their widest cell; ROWS right-aligned. */
    private static void table(List<String[]> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                line.append(i == 0 ? "" : "  ").append(i == 4 ? " ".repeat(widths[i] - cell.length()) + cell
                        : cell + " ".repeat(widths[i] - cell.length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** 2026-11-28T13:25:24.985+09:00 → 2026-11-28 13:25 */
    private static String minutes(String localTime) {
        return localTime.length() < 16 ? localTime : localTime.substring(0, 16).replace('T', ' ');
    }
}
