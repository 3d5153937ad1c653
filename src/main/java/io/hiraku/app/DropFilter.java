package io.hiraku.app;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Which files in the drop folders are drops: {@code <department>/<file>}, not receipts, not hidden
 * files, not the temporary names that copy tools, browsers and Excel use while a file is being
 * written. The ingest route and {@code publish --once}'s count use this one rule. A drop is taken only
 * while the work folder's disk has room for it ({@link DiskRoom}).
 */
public final class DropFilter implements GenericFileFilter<File> {
    /** Copy tools', browsers' and editors' names for files being written, and Camel's own read-lock markers. */
    private static final String[] TEMPORARY_SUFFIXES = {".tmp", ".part", ".crdownload", ".partial", ".swp", ".camellock"};

    private final Drops drops;
    private final DiskRoom room;

    /**
     * @param drops what knows the drops that could not be removed from their folder (not taken again)
     * @param room  whether the work folder's disk has room for a drop (one without waits in its folder)
     */
    public DropFilter(Drops drops, DiskRoom room) {
        this.drops = drops;
        this.room = room;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path relative = Path.of(file.getRelativeFilePath());
        if (file.isDirectory()) {
            return relative.getNameCount() == 1 && !isHidden(relative.getFileName().toString())
                    && !Workspace.RECEIPTS.equals(relative.getFileName().toString());
        }
        return isDrop(relative) && !(drops.anyStuck()
                && drops.isStuck(Path.of(file.getAbsoluteFilePath()), file.getFileLength(), file.getLastModified()))
                && room.admits(relative.toString(), file.getFileLength());
    }

    /** @param relative a path under the ingest folder */
    public static boolean isDrop(Path relative) {
        if (relative.getNameCount() != 2 || isHidden(relative.getName(0).toString())) {
            return false;
        }
        String name = relative.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("~$")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : TEMPORARY_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return false;
            }
        }
        return true;
    }

    /** Hidden folders, and {@code _receipts}: nothing in them is a drop. */
    static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }
}
