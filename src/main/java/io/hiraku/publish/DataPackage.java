package io.hiraku.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code datapackage.json} (Frictionless Data Package v2) of a release: the dataset's metadata, one
 * resource per published file with bytes and sha256, the Table Schema on the tabular resources, and
 * under {@code hiraku} the release id, the original file's sha256 and the definition's
 * ({@link DefinitionFingerprint}), which the catalog and the next drop read back.
 */
final class DataPackage {
    static final String PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CatalogDefinition catalog;
    private final DatasetDefinition dataset;

    DataPackage(CatalogDefinition catalog, DatasetDefinition dataset) {
        this.catalog = catalog;
        this.dataset = dataset;
    }

    byte[] toJson(String releaseId, Instant created, Original original, long rows, List<PublishedFile> files,
                  List<java.math.BigDecimal> bbox) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", PROFILE);
        root.put("name", dataset.id());
        root.put("id", DatasetIris.dataset(catalog, dataset.id()));
        root.put("title", dataset.title().in("ja"));
        root.put("description", dataset.description().in("ja"));
        root.put("homepage", DatasetIris.dataset(catalog, dataset.id()) + "/");
        root.put("version", releaseId);
        root.put("created", created.toString());
        ArrayNode keywords = root.putArray("keywords");
        dataset.keywords().values().forEach(list -> list.forEach(keywords::add));
        String license = catalog.licenseFor(dataset);
        if (license != null) {
            root.putArray("licenses").addObject().put("path", license);
        }
        ObjectNode publisher = root.putArray("contributors").addObject();
        publisher.put("title", catalog.department(dataset.department())
                .map(d -> d.name().in("ja")).orElse(dataset.department()));
        publisher.putArray("roles").add("publisher");
        root.putArray("sources").addObject().put("title", original.fileName());
        ArrayNode resources = root.putArray("resources");
        for (PublishedFile file : files) {
            ObjectNode resource = resources.addObject();
            resource.put("name", resourceName(file));
            resource.put("path", file.name());
            resource.put("format", file.format().extension());
            resource.put("mediatype", file.format().mediaType());
            resource.put("encoding", "utf-8");
            resource.put("bytes", file.bytes());
            resource.put("hash", "sha256:" + file.sha256());
            if (file.format() == Format.CSV || file.format() == Format.EXCEL_CSV || file.format() == Format.JSON) {
                resource.put("type", "table");
                resource.set("schema", JSON.valueToTree(PublishedSchema.of(dataset.schema())));
            }
        }
        ObjectNode hiraku = root.putObject("hiraku");
        hiraku.put("release", releaseId);
        hiraku.put("department", dataset.department());
        hiraku.put("rows", rows);
        ObjectNode originalNode = hiraku.putObject("original");
        originalNode.put("name", original.fileName());
        originalNode.put("bytes", original.bytes());
        originalNode.put("sha256", original.sha256());
        originalNode.put("encoding", original.encoding());
        hiraku.put("definitionSha256", DefinitionFingerprint.of(dataset));
        if (bbox != null) {
            ArrayNode box = hiraku.putArray("bbox");
            bbox.forEach(box::add);
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("datapackage.json could not be written", e);
        }
    }

    private String resourceName(PublishedFile file) {
        return file.format() == Format.CSV ? dataset.id() : dataset.id() + "-" + file.format().key();
    }
}
