package io.hiraku.app;

import io.hiraku.publish.DurableFiles;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionException;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import io.hiraku.source.CharsetDetector;
import io.hiraku.source.UndecodableFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A department's own dataset definition, dropped into its folder as {@code <dataset-id>.yaml} (the proposed
 * definition of a receipt, filled in, or an update of its dataset's): checked as the catalog's own are, then
 * saved as {@code catalog/datasets/<department>/<dataset-id>.yaml}, so that the data file dropped with it or
 * after it publishes. Definition files are taken before the data files of the same look at the folders. A
 * department defines only its own datasets; the definition it replaces is kept in
 * {@code work/archive/definitions/}. Where the open-data team keeps the catalog itself (a setting) or the
 * catalog is not this node's alone (distributed mode), a dropped definition is refused, saying whom to ask.
 */
final class DefinitionDrops {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionDrops.class);
    private final CatalogSource catalog;
    private final Workspace workspace;
    private final boolean accepted;
    private final Clock clock;

    DefinitionDrops(CatalogSource catalog, Workspace workspace, boolean accepted, Clock clock) {
        this.catalog = catalog;
        this.workspace = workspace;
        this.accepted = accepted;
        this.clock = clock;
    }

    /** Whether a dropped file is a definition ({@code .yaml}, {@code .yml}, whatever the case or width). */
    static boolean isDefinition(String fileName) {
        String name = java.text.Normalizer.normalize(fileName, java.text.Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Checks and saves the definition the drop is; ends the job with what became of it. */
    void take(IngestJob job, Definitions definitions) throws IOException {
        if (!accepted) {
            job.end(IngestJob.Outcome.REJECTED,
                    "データセット定義（" + job.getFileName() + "）はこのフォルダでは受け付けていません。オープンデータ担当に登録を依頼してください",
                    "dataset definitions (" + job.getFileName() + ") are not taken from drop folders here; ask the "
                            + "open-data team to add it to the catalog");
            return;
        }
        String id = Definitions.stem(job.getFileName());
        if (!DefinitionLoader.DATASET_ID.matcher(id).matches()) {
            job.end(IngestJob.Outcome.REJECTED,
                    "定義ファイルの名前はデータセットID（英小文字・数字・ハイフン）に .yaml を付けたもの（例: aed-locations.yaml）にしてください: "
                            + job.getFileName(),
                    "name a definition file after its dataset id (lowercase letters, digits and '-') with .yaml, "
                            + "e.g. aed-locations.yaml: " + job.getFileName());
            return;
        }
        Optional<DatasetDefinition> existing = definitions.dataset(id);
        if (existing.isPresent() && !existing.get().department().equals(job.getDepartment())) {
            Releases.rejectOwnedElsewhere(job, existing.get());
            return;
        }
        String text;
        try {
            text = Files.readString(job.getArchived(), new CharsetDetector().detect(job.getArchived(), "auto").charset())
                    .replaceFirst("^\uFEFF", "");
        } catch (UndecodableFileException e) {
            job.end(IngestJob.Outcome.REJECTED, "定義ファイルを文字として読めません: " + e.messageJa(),
                    "the definition file cannot be read as text: " + e.getMessage());
            return;
        }
        Optional<String> unfilled = io.hiraku.validate.DefinitionProposer.PLACEHOLDERS.stream().filter(text::contains)
                .findFirst();
        if (unfilled.isPresent()) {
            job.end(IngestJob.Outcome.REJECTED,
                    "提案された定義の「" + unfilled.get() + "」がそのままです。データセットの名前と説明を書き入れて（使わない行は消して）、もう一度置いてください",
                    "the proposed definition still says '" + unfilled.get() + "': write the dataset's title and "
                            + "description in (delete a line you do not use) and drop it again");
            return;
        }
        Optional<String> problem = problem(job.getDepartment(), id, text);
        if (problem.isPresent()) {
            job.end(IngestJob.Outcome.REJECTED,
                    "データセット定義に誤りがあるため登録しませんでした。直してもう一度置いてください: " + problem.get(),
                    "the dataset definition was not saved because of an error; fix it and drop it again: " + problem.get());
            LOG.warn("Refused definition {}: {}", job, problem.get());
            return;
        }
        Path target = existing.map(d -> Path.of(d.definitionFile()))
                .orElse(catalog.directory().resolve("datasets").resolve(job.getDepartment()).resolve(id + ".yaml"));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            job.end(IngestJob.Outcome.UNCHANGED, "この定義は登録済みの内容と同じです（" + id + "）",
                    "this definition is the same as the one saved for '" + id + "'");
            return;
        }
        if (Files.isRegularFile(target)) {
            Path kept = workspace.archive().resolve("definitions").resolve(job.getDepartment())
                    .resolve(id + "." + Receipts.stamp(clock.instant()) + ".yaml");
            Files.createDirectories(kept.getParent());
            DurableFiles.copy(target, kept);
        }
        Files.createDirectories(target.getParent());
        DurableFiles.write(target, bytes);
        DatasetDefinition saved = catalog.load().dataset(id).orElseThrow();
        List<String> names = new java.util.ArrayList<>(List.of(id + ".csv", id + ".xlsx", id + ".json"));
        if (saved.source().files() != null) {
            names.addAll(saved.source().files());
        }
        job.end(IngestJob.Outcome.DEFINED,
                "データセット定義「" + id + "」を" + (existing.isPresent() ? "更新" : "登録") + "しました。次のファイルをこのフォルダに置くと公開されます: "
                        + String.join("、", names),
                "dataset definition '" + id + "' was " + (existing.isPresent() ? "updated" : "saved")
                        + ". Files dropped into this folder under these names publish it: " + String.join(", ", names));
        LOG.info("{}: definition of dataset {} {} as {}", job, id, existing.isPresent() ? "updated" : "saved", target);
    }

    /**
     * What is wrong with the definition, found by loading it as the catalog would: beside a copy of
     * catalog.yaml, the same loader and checks, so that what is saved always loads.
     */
    private Optional<String> problem(String department, String id, String text) throws IOException {
        Path trial = Files.createTempDirectory(Files.createDirectories(workspace.staging()), "definition");
        try {
            Files.copy(catalog.directory().resolve("catalog.yaml"), trial.resolve("catalog.yaml"));
            Path file = Files.createDirectories(trial.resolve("datasets").resolve(department)).resolve(id + ".yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Definitions loaded = new CatalogSource(trial, null).loadSchemas();
            return loaded.broken().stream().findFirst()
                    .map(b -> b.problem().replace(file.toString(), id + ".yaml"))
                    .or(() -> loaded.dataset(id).isPresent() ? Optional.empty()
                            : Optional.of("it defines no dataset"));
        } catch (DefinitionException e) {
            return Optional.of(e.getMessage());
        } finally {
            try (Stream<Path> files = Files.walk(trial)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
