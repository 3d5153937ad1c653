package io.hiraku.source;

/** One record of the table as read, before typing: the physical line it starts on and its cells. */
public record RawRow(long line, String[] cells) {
    public boolean isBlank() {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
