package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start with nothing changed since the last complete rebuild leaves the catalog as it is (a cron run of
 * {@code publish --once} with nothing to publish, a restart of {@code run}): the catalog's objects are not put
 * again. An edit of the catalog folder, other settings, a store emptied since, or a withdrawal or prune (which
 * change the store) each have the next start rebuild it.
 */
class CatalogRebuiltTest {
    @TempDir
    Path dir;

    @Test
    void aStartRebuildsTheCatalogOnlyWhenSomethingItIsMadeFromChanged() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"),
                "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\ndepartments:\n  - id: health\n");
        Path definition = Files.createDirectories(dir.resolve("catalog/datasets/health")).resolve("counts.yaml");
        Files.writeString(definition, "title: 件数\ndescription: 窓口ごとの件数\nschema:\n  fields:\n"
                + "    - {name: id, type: integer}\n    - {name: count, type: integer}\n");
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("counts.csv"), "id,count\n1,12\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        Path dataJson = dir.resolve("store/data.json");
        Path page = dir.resolve("store/datasets/counts/index.html");
        assertThat(dir.resolve("work").resolve(CatalogRebuilt.FILE)).isRegularFile();

        // nothing changed: nothing of the catalog written again
        Object[] before = {identity(dataJson), identity(page)};
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(new Object[] {identity(dataJson), identity(page)}).containsExactly(before);

        // the definition edited while nothing ran: the page says the new title
        Files.writeString(definition, Files.readString(definition).replace("title: 件数", "title: 窓口の相談件数"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(page)).contains("窓口の相談件数");
        Object after = identity(dataJson);
        assertThat(after).isNotEqualTo(before[0]);

        // another base URL (a setting): rebuilt with it
        assertThat(HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString(), "--base-url",
                "https://opendata.city.example")).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dataJson)).contains("https://opendata.city.example/datasets/counts");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dataJson)).doesNotContain("https://opendata.city.example/");

        // the store's catalog lost (emptied by hand): the next start writes it again
        Files.delete(dataJson);
        Files.delete(page);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(dataJson).isRegularFile();
        assertThat(page).isRegularFile();

        // a prune changes the store: forgotten, and the next start rebuilds
        assertThat(HirakuCommand.execute("prune", "--keep", "1", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString())).isEqualTo(HirakuCommand.OK);
        assertThat(dir.resolve("work").resolve(CatalogRebuilt.FILE)).doesNotExist();
        Object pruned = identity(dataJson);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(identity(dataJson)).isNotEqualTo(pruned);
        assertThat(dir.resolve("work").resolve(CatalogRebuilt.FILE)).isRegularFile();

        // a run that publishes, with the definition edited too: one rebuild, after the publication (at start it
        // was a second one)
        Files.writeString(definition, Files.readString(definition).replace("窓口の相談件数", "窓口ごとの相談件数"));
        Files.writeString(drop.resolve("counts.csv"), "id,count\n1,12\n2,7\n");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger builder = (Logger) LoggerFactory.getLogger(io.hiraku.catalog.CatalogBuilder.class);
        log.start();
        builder.addAppender(log);
        try {
            assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        } finally {
            builder.detachAppender(log);
        }
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("Catalog rebuilt")).hasSize(1);
        assertThat(Files.readString(page)).contains("窓口ごとの相談件数");
        assertThat(Files.readString(dataJson)).contains("窓口ごとの相談件数");
        assertThat(dir.resolve("work").resolve(CatalogRebuilt.FILE)).isRegularFile();
    }

    /** The file system entry a file is now (a write of the store replaces it with a new one). */
    private static Object identity(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }
}
