package io.hiraku.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads {@code catalog/catalog.yaml} and {@code catalog/datasets/<department>/<id>.yaml}, and checks
 * what the pipeline relies on: ids, departments, field names, the primary key, patterns.
 */
public final class DefinitionLoader {
    public static final Pattern DATASET_ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    /**
     * Field names become CSV headers, JSON keys and parts of IRIs: letters (any script: standard Japanese
     * layouts name their columns in Japanese), digits and punctuation that needs no escaping there.
     */
    private static final Pattern FIELD_NAME = Pattern.compile("[^\\s\"'<>\\\\^`{|}#/?%,;:]+");

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Definitions load(Path catalogDir) {
        Path catalogFile = catalogDir.resolve("catalog.yaml");
        if (!Files.isRegularFile(catalogFile)) {
            throw new DefinitionException(catalogFile + ": the catalog definition is missing");
        }
        // plain texts (a title without languages) are in the catalog's first language
        String plainLanguage = firstLanguage(catalogFile);
        CatalogDefinition catalog = read(catalogFile, CatalogDefinition.class, plainLanguage);
        checkWebAddress(catalogFile, "publisherUrl", catalog.publisherUrl());
        if (catalog.license() != null && catalog.license().contains(":")) {
            checkWebAddress(catalogFile, "license", catalog.license());
        }
        Set<String> departmentIds = new HashSet<>();
        for (Department d : catalog.departments()) {
            if (d.id() == null || !DATASET_ID.matcher(d.id()).matches()) {
                throw new DefinitionException(catalogFile + ": department id '" + d.id()
                        + "' must be lowercase letters, digits and '-'");
            }
            if (!departmentIds.add(d.id())) {
                throw new DefinitionException(catalogFile + ": department '" + d.id() + "' is listed twice");
            }
        }
        Map<String, DatasetDefinition> datasets = new TreeMap<>();
        List<Definitions.BrokenDefinition> broken = new ArrayList<>();
        Path datasetsDir = catalogDir.resolve("datasets");
        if (Files.isDirectory(datasetsDir)) {
            try (Stream<Path> files = Files.walk(datasetsDir, 2)) {
                for (Path file : files.filter(DefinitionLoader::isYaml).sorted().toList()) {
                    // a broken dataset definition stops only its own dataset
                    try {
                        DatasetDefinition def = loadDataset(datasetsDir, file, departmentIds, plainLanguage);
                        DatasetDefinition earlier = datasets.putIfAbsent(def.id(), def);
                        if (earlier != null) {
                            throw new DefinitionException(file + ": dataset id '" + def.id()
                                    + "' is already defined in " + earlier.definitionFile());
                        }
                    } catch (DefinitionException e) {
                        Path relative = datasetsDir.relativize(file);
                        broken.add(new Definitions.BrokenDefinition(
                                relative.getNameCount() == 2 ? relative.getName(0).toString() : "",
                                Definitions.stem(relative.getFileName().toString()), file.toString(), e.getMessage()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Definitions(catalog, datasets, broken);
    }

    private DatasetDefinition loadDataset(Path datasetsDir, Path file, Set<String> departments, String plainLanguage) {
        Path relative = datasetsDir.relativize(file);
        if (relative.getNameCount() != 2) {
            throw new DefinitionException(file + ": dataset definitions go in catalog/datasets/<department>/<id>.yaml");
        }
        String department = relative.getName(0).toString();
        String id = Definitions.stem(relative.getName(1).toString());
        if (!departments.contains(department)) {
            throw new DefinitionException(file + ": department '" + department
                    + "' is not listed in catalog.yaml (departments: " + departments + ")");
        }
        if (!DATASET_ID.matcher(id).matches()) {
            throw new DefinitionException(file + ": dataset id '" + id
                    + "' must be lowercase letters, digits and '-' (rename the file)");
        }
        DatasetDefinition read = read(file, DatasetDefinition.class, plainLanguage);
        if (read.id() != null && !read.id().equals(id)) {
            throw new DefinitionException(file + ": id '" + read.id() + "' differs from the file name '" + id + "'");
        }
        TableSchema schema = read.template() != null ? Templates.apply(read.template(), read.schema()) : read.schema();
        LocalizedText description = read.description().isEmpty() && read.template() != null
                ? Templates.description(read.template()) : read.description();
        DatasetDefinition def = read.placed(id, department, file.toString(), schema, description);
        for (String theme : def.themes()) {
            if (DataTheme.of(theme).isEmpty()) {
                throw new DefinitionException(file + ": theme '" + theme + "' is not an EU data-theme code (one of "
                        + java.util.Arrays.toString(DataTheme.values()) + ")");
            }
        }
        if (def.temporal() != null) {
            try {
                def.temporal().check();
            } catch (DefinitionException e) {
                throw new DefinitionException(file + ": " + e.getMessage());
            }
        }
        if (def.spatial() != null && !def.spatial().matches("https?://\\S+|\\s*\\d{5,6}\\s*")) {
            throw new DefinitionException(file + ": spatial '" + def.spatial() + "' must be a place IRI (e.g. "
                    + "http://publications.europa.eu/resource/authority/country/JPN) or a 全国地方公共団体コード (e.g. 372013)");
        }
        if (def.contact() != null) {
            checkWebAddress(file, "contact.url", def.contact().url());
        }
        if (def.license() != null && def.license().contains(":")) {
            checkWebAddress(file, "license", def.license());
        }
        checkSchema(file, def);
        TableSchemaCheck.check(file.toString(), def.schema());
        return def;
    }

    /**
     * A link the catalog will show: only http and https. A {@code javascript:} or {@code data:} address
     * in a definition would run in the browser of whoever follows it.
     */
    static void checkWebAddress(Object file, String property, String url) {
        if (url != null && !url.isBlank() && !url.strip().matches("(?i)https?://[^\\s<>\"]+")) {
            throw new DefinitionException(file + ": " + property + " '" + url
                    + "' must be a web address starting with http:// or https://");
        }
    }

    private static void checkSchema(Path file, DatasetDefinition def) {
        TableSchema schema = def.schema();
        if (schema == null || schema.fields().isEmpty()) {
            throw new DefinitionException(file + ": schema.fields is empty; list the columns of the table");
        }
        Set<String> names = new HashSet<>();
        for (Field field : schema.fields()) {
            if (field.name() == null || !FIELD_NAME.matcher(field.name()).matches()) {
                throw new DefinitionException(file + ": field name '" + field.name()
                        + "' may not hold spaces, quotes or the characters <>\\^`{|}#/?%,;: (put such a label in title)");
            }
            if (!names.add(field.name())) {
                throw new DefinitionException(file + ": field '" + field.name() + "' is defined twice");
            }
            if (field.constraints().pattern() != null) {
                try {
                    Pattern.compile(field.constraints().pattern());
                } catch (PatternSyntaxException e) {
                    throw new DefinitionException(file + ": field '" + field.name() + "': pattern is not a valid "
                            + "regular expression: " + e.getDescription());
                }
            }
        }
        for (MunicipalityCheck check : def.municipalityChecks()) {
            for (String name : java.util.Arrays.asList(check.code(), check.prefecture(), check.municipality())) {
                if (name != null && !names.contains(name)) {
                    throw new DefinitionException(file + ": municipalityChecks names '" + name + "', which is not a field");
                }
            }
            if (check.code() == null) {
                throw new DefinitionException(file + ": municipalityChecks needs the code field");
            }
        }
        def.source().columns().forEach((name, number) -> {
            if (!names.contains(name)) {
                throw new DefinitionException(file + ": source.columns names '" + name + "', which is not a field");
            }
            if (number == null || number < 1) {
                throw new DefinitionException(file + ": source.columns." + name + " must be a column number from 1");
            }
        });
        for (List<String> key : schema.uniqueKeys()) {
            for (String name : key) {
                if (!names.contains(name)) {
                    throw new DefinitionException(file + ": uniqueKeys names '" + name + "', which is not a field");
                }
            }
        }
        for (ForeignKey fk : schema.foreignKeys()) {
            if (fk.fields() == null || fk.reference() == null || fk.reference().fields() == null
                    || fk.fields().size() != fk.reference().fields().size()) {
                throw new DefinitionException(file + ": a foreign key needs fields and reference.fields of the same length");
            }
            for (String name : fk.fields()) {
                if (!names.contains(name)) {
                    throw new DefinitionException(file + ": foreignKeys names '" + name + "', which is not a field");
                }
            }
        }
        for (String key : schema.primaryKey()) {
            if (!names.contains(key)) {
                throw new DefinitionException(file + ": primaryKey names '" + key + "', which is not a field");
            }
        }
    }

    /** The first of catalog.yaml's {@code languages}, or Japanese when it lists none (or cannot be read yet). */
    private String firstLanguage(Path catalogFile) {
        try {
            com.fasterxml.jackson.databind.JsonNode languages = yaml.readTree(catalogFile.toFile()).path("languages");
            String first = languages.isArray() ? languages.path(0).asText("") : languages.asText("");
            return first.isBlank() ? LocalizedText.DEFAULT_LANGUAGE : first.strip();
        } catch (IOException e) {
            return LocalizedText.DEFAULT_LANGUAGE; // the full read below says what is wrong with the file
        }
    }

    /** @param plainLanguage the language of plain texts in the file (the catalog's first) */
    private <T> T read(Path file, Class<T> type, String plainLanguage) {
        try {
            return yaml.readerFor(type).withAttribute(LocalizedText.PLAIN_LANGUAGE, plainLanguage).readValue(file.toFile());
        } catch (IOException e) {
            throw new DefinitionException(file + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

}
