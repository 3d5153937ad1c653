package io.hiraku.app;

import io.hiraku.publish.DurableFiles;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionException;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import io.hiraku.schema.FrictionlessPackage;
import io.hiraku.source.CharsetDetector;
import io.hiraku.source.UndecodableFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** A definition of 2,000 columns with titles and descriptions is some 300 KB; the file is read whole. */
    private static final long MAX_BYTES = 1024 * 1024;
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

    /**
     * Whether a dropped file is a definition: {@code .yaml}, {@code .yml}, or a Frictionless
     * {@code datapackage.json}, whatever the case or width.
     */
    static boolean isDefinition(String fileName) {
        String name = Definitions.comparableText(fileName);
        return name.endsWith(".yaml") || name.endsWith(".yml") || isDataPackage(fileName);
    }

    private static boolean isDataPackage(String fileName) {
        return Definitions.comparableText(fileName).equals("datapackage.json");
    }

    /**
     * Checks and saves the definitions the drop holds (one YAML, or each table of a data package): all of them,
     * or none if one has a problem; ends the job with what became of them.
     */
    void take(IngestJob job, Definitions definitions) throws IOException {
        if (!accepted) {
            job.end(IngestJob.Outcome.REJECTED,
                    "データセット定義（" + job.getFileName() + "）はこのフォルダでは受け付けていません。オープンデータ担当に登録を依頼してください",
                    "dataset definitions (" + job.getFileName() + ") are not taken from drop folders here; ask the "
                            + "open-data team to add it to the catalog");
            return;
        }
        Map<String, String> texts;
        try {
            texts = texts(job);
        } catch (Refused r) {
            job.end(IngestJob.Outcome.REJECTED, r.ja, r.en);
            return;
        }
        Map<String, DatasetDefinition> checked = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> definition : texts.entrySet()) {
            Optional<DatasetDefinition> existing = definitions.dataset(definition.getKey());
            if (existing.isPresent() && !existing.get().department().equals(job.getDepartment())) {
                Releases.rejectOwnedElsewhere(job, existing.get());
                return;
            }
            Optional<String> unfilled = io.hiraku.validate.DefinitionProposer.PLACEHOLDERS.stream()
                    .filter(definition.getValue()::contains).findFirst();
            if (unfilled.isPresent()) {
                job.end(IngestJob.Outcome.REJECTED,
                        "提案された定義の「" + unfilled.get() + "」がそのままです。データセットの名前と説明を書き入れて（使わない行は消して）、もう一度置いてください",
                        "the proposed definition still says '" + unfilled.get() + "': write the dataset's title and "
                                + "description in (delete a line you do not use) and drop it again");
                return;
            }
            Checked check = check(job.getDepartment(), definition.getKey(), definition.getValue());
            if (check.problem() != null) {
                job.end(IngestJob.Outcome.REJECTED,
                        "データセット定義に誤りがあるため登録しませんでした。直してもう一度置いてください: " + check.problem(),
                        "the dataset definition was not saved because of an error; fix it and drop it again: "
                                + check.problem());
                LOG.warn("Refused definition {}: {}", job, check.problem());
                return;
            }
            checked.put(definition.getKey(), check.dataset());
        }
        List<String> savedJa = new java.util.ArrayList<>();
        List<String> savedEn = new java.util.ArrayList<>();
        for (Map.Entry<String, String> definition : texts.entrySet()) {
            String id = definition.getKey();
            boolean update = definitions.dataset(id).isPresent();
            boolean saved;
            try {
                saved = save(job.getDepartment(), definitions.dataset(id), id, definition.getValue());
            } catch (java.nio.file.FileSystemException e) {
                // a catalog folder deployed read-only (a container image, a checkout the service may not write)
                LOG.warn("{}: the definition of {} cannot be saved in {}: {}; set hiraku.definitions.from-drops=false "
                        + "if the catalog is kept by the open-data team", job, id, catalog.directory(), e.getMessage());
                job.end(IngestJob.Outcome.REJECTED,
                        "カタログのフォルダに書き込めないため、データセット定義を登録できませんでした。オープンデータ担当に登録を依頼してください",
                        "the dataset definition could not be saved: the catalog folder cannot be written here; ask the "
                                + "open-data team to add it");
                return;
            }
            if (saved) {
                List<String> names = fileNames(checked.get(id));
                savedJa.add("「" + id + "」を" + (update ? "更新" : "登録") + "しました（公開するファイルの名前: "
                        + String.join("、", names) + "）");
                savedEn.add("'" + id + "' was " + (update ? "updated" : "saved") + " (files dropped into this folder "
                        + "under these names publish it: " + String.join(", ", names) + ")");
            }
        }
        if (savedEn.isEmpty()) {
            job.end(IngestJob.Outcome.UNCHANGED, "この定義は登録済みの内容と同じです（" + String.join(", ", texts.keySet()) + "）",
                    "this definition is the same as the one saved for " + String.join(", ", texts.keySet()));
            return;
        }
        job.end(IngestJob.Outcome.DEFINED, "データセット定義: " + String.join("。", savedJa),
                "dataset definition " + String.join("; ", savedEn));
    }

    /** A reason to refuse the drop, in both languages. */
    private static final class Refused extends Exception {
        private final String ja;
        private final String en;

        Refused(String ja, String en) {
            super(en);
            this.ja = ja;
            this.en = en;
        }
    }

    /** The definitions of the drop as YAML texts, by dataset id. */
    private static Map<String, String> texts(IngestJob job) throws IOException, Refused {
        if (job.getBytes() > MAX_BYTES) {
            throw new Refused("定義ファイルが大きすぎます（" + MAX_BYTES / 1024 + " KBまで）。データのファイルなら、名前を .csv などにしてください",
                    "the definition file is larger than " + MAX_BYTES / 1024 + " KB, which no definition needs; if it is "
                            + "data, give it the name of a data file (.csv, .xlsx, .json)");
        }
        String text;
        try {
            text = Files.readString(job.getArchived(), new CharsetDetector().detect(job.getArchived(), "auto").charset())
                    .replaceFirst("^\uFEFF", "");
        } catch (UndecodableFileException e) {
            throw new Refused("定義ファイルを文字として読めません: " + e.messageJa(),
                    "the definition file cannot be read as text: " + e.getMessage());
        }
        if (isDataPackage(job.getFileName())) {
            try {
                return FrictionlessPackage.definitions(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Refused("datapackage.json を JSON として読めません（" + e.getLocation().getLineNr() + "行目）: "
                        + e.getOriginalMessage(), "datapackage.json is not valid JSON (line " + e.getLocation().getLineNr()
                        + "): " + e.getOriginalMessage());
            } catch (DefinitionException e) {
                throw new Refused("データパッケージからデータセット定義を作れません: " + e.getMessage(), e.getMessage());
            }
        }
        String id = Definitions.stem(job.getFileName());
        if (!DefinitionLoader.DATASET_ID.matcher(id).matches()) {
            throw new Refused("定義ファイルの名前はデータセットID（英小文字・数字・ハイフン）に .yaml を付けたもの（例: aed-locations.yaml）にしてください: "
                    + job.getFileName(), "name a definition file after its dataset id (lowercase letters, digits and "
                    + "'-') with .yaml, e.g. aed-locations.yaml: " + job.getFileName());
        }
        return Map.of(id, text);
    }

    /**
     * Saves a checked definition as the catalog's (durably; the one it replaces kept in the archive).
     * @return false if it was the same already
     */
    private boolean save(String department, Optional<DatasetDefinition> existing, String id, String text)
            throws IOException {
        Path target = existing.map(d -> Path.of(d.definitionFile()))
                .orElse(catalog.directory().resolve("datasets").resolve(department).resolve(id + ".yaml"));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        if (Files.isRegularFile(target)) {
            Path kept = workspace.archive().resolve("definitions").resolve(department)
                    .resolve(id + "." + Receipts.stamp(clock.instant()) + ".yaml");
            Files.createDirectories(kept.getParent());
            DurableFiles.copy(target, kept);
        }
        Files.createDirectories(target.getParent());
        DurableFiles.write(target, bytes);
        LOG.info("Definition of dataset {} ({}) {} as {}", id, department, existing.isPresent() ? "updated" : "saved", target);
        return true;
    }

    /** The names of files that publish a dataset: its id with each format's extension, and its patterns. */
    private static List<String> fileNames(DatasetDefinition dataset) {
        List<String> names = new java.util.ArrayList<>(List.of(dataset.id() + ".csv", dataset.id() + ".xlsx",
                dataset.id() + ".json"));
        if (dataset.source().files() != null) {
            names.addAll(dataset.source().files());
        }
        return names;
    }

    /** A dropped definition as the catalog will load it, or what is wrong with it (then {@code dataset} is null). */
    private record Checked(DatasetDefinition dataset, String problem) {
        static Checked wrong(String problem) {
            return new Checked(null, problem);
        }
    }

    /**
     * Loads the definition as the catalog would: beside a copy of catalog.yaml, with the same loader and
     * checks, so that what is saved always loads.
     */
    private Checked check(String department, String id, String text) throws IOException {
        Path trial = Files.createTempDirectory(Files.createDirectories(workspace.staging()), "definition");
        try {
            Files.copy(catalog.directory().resolve("catalog.yaml"), trial.resolve("catalog.yaml"));
            Path file = Files.createDirectories(trial.resolve("datasets").resolve(department)).resolve(id + ".yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Definitions loaded = new CatalogSource(trial, null).loadSchemas();
            Optional<String> broken = loaded.broken().stream().findFirst()
                    .map(b -> b.problem().replace(file.toString(), id + ".yaml"));
            if (broken.isPresent()) {
                return Checked.wrong(broken.get());
            }
            DatasetDefinition dataset = loaded.dataset(id).orElse(null);
            // what the catalog's metadata gate will ask of the dataset, told now rather than at its first drop
            if (dataset == null || dataset.title().in("ja").isBlank()) {
                return Checked.wrong(id + ".yaml: give the dataset a title (title: {ja: …, en: …})");
            }
            return dataset.description().in("ja").isBlank()
                    ? Checked.wrong(id + ".yaml: give the dataset a description (description: {ja: …, en: …})")
                    : new Checked(dataset, null);
        } catch (DefinitionException e) {
            return Checked.wrong(e.getMessage());
        } finally {
            DurableFiles.deleteTree(trial);
        }
    }
}
