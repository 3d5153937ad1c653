package io.hiraku.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the example drops ({@code examples/<department>/<file>}) into a newly created ingest folder,
 * so that the first run publishes something. Each file is copied under a hidden name and renamed, so
 * the ingest route never reads a half-copied file. Files other than data (README, attribution) stay.
 */
final class ExampleSeeder {
    private ExampleSeeder() {
    }

    /** @return the number of files seeded */
    static int seed(Path examples, Path ingest) throws IOException {
        if (!Files.isDirectory(examples)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(examples, 2)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> examples.relativize(p).getNameCount() == 2)
                    .filter(ExampleSeeder::isDataFile)
                    .sorted().toList();
        }
        for (Path file : files) {
            Path relative = examples.relativize(file);
            Path target = ingest.resolve(relative.toString());
            io.hiraku.publish.DurableFiles.copy(file, target);
        }
        return files.size();
    }

    static boolean isDataFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")
                || name.endsWith(".xlsx") || name.endsWith(".json"));
    }
}
