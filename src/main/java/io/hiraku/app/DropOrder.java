package io.hiraku.app;

import java.util.Comparator;
import org.apache.camel.component.file.GenericFile;

/**
 * The order the drops of one look at the folders are taken in: dataset definitions first (so that a data
 * file dropped with its definition finds it), then oldest first, as they were dropped.
 */
final class DropOrder implements Comparator<GenericFile<Object>> {
    @Override
    public int compare(GenericFile<Object> a, GenericFile<Object> b) {
        return Comparator.comparing((GenericFile<Object> f) -> !DefinitionDrops.isDefinition(f.getFileNameOnly()))
                .thenComparingLong(GenericFile::getLastModified)
                .thenComparing(GenericFile::getRelativeFilePath)
                .compare(a, b);
    }
}
