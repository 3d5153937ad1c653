package io.hiraku.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Department;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CKAN-shaped JSON at the paths of CKAN's action API ({@code api/3/action/...}), pre-computed, so CKAN
 * clients and harvesters read a static catalog as they read a CKAN portal. Ids are name-based UUIDs of
 * the dataset, department and file IRIs, so they stay the same from one build to the next; names are
 * the dataset and department ids. Timestamps are ISO 8601 with a zone (CKAN writes none).
 */
final class CkanApi {
    static final String PREFIX = "api/3/action/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogDefinition catalog;

    CkanApi(CatalogDefinition catalog) {
        this.catalog = catalog;
    }

    /**
     * The documents about the whole catalog (package_list, package_search,
     * current_package_list_with_resources, organization_list), by store key under the catalog root; each
     * dataset's own package_show is {@link #packageShow}.
     */
    Map<String, ObjectNode> lists(List<PublishedDataset> datasets) {
        List<PublishedDataset> newestFirst = datasets.stream()
                .sorted(Comparator.comparing(PublishedDataset::modified).reversed()
                        .thenComparing(d -> d.definition().id())).toList();
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        ArrayNode names = JSON.createArrayNode();
        datasets.stream().map(d -> d.definition().id()).sorted().forEach(names::add);
        docs.put(PREFIX + "package_list", response("package_list", names));

        ObjectNode search = JSON.createObjectNode();
        search.put("count", datasets.size());
        search.put("sort", "metadata_modified desc");
        search.putObject("facets");
        ArrayNode results = search.putArray("results");
        newestFirst.forEach(d -> results.add(pkg(d)));
        search.putObject("search_facets");
        docs.put(PREFIX + "package_search", response("package_search", search));

        ArrayNode current = JSON.createArrayNode();
        newestFirst.forEach(d -> current.add(pkg(d)));
        docs.put(PREFIX + "current_package_list_with_resources", response("current_package_list_with_resources", current));

        ArrayNode organizations = JSON.createArrayNode();
        catalog.departments().stream().map(Department::id).sorted().forEach(organizations::add);
        docs.put(PREFIX + "organization_list", response("organization_list", organizations));
        return docs;
    }

    /** A dataset's package_show answer (at {@link #packageKey}): made from the catalog's and its own metadata only. */
    ObjectNode packageShow(PublishedDataset dataset) {
        return response("package_show", pkg(dataset));
    }

    private ObjectNode response(String action, com.fasterxml.jackson.databind.JsonNode result) {
        ObjectNode response = JSON.createObjectNode();
        response.put("help", DatasetIris.base(catalog) + "/" + PREFIX + "help_show?name=" + action);
        response.put("success", true);
        response.set("result", result);
        return response;
    }

    /** Where a dataset's {@code package_show} answer is. */
    static String packageKey(String datasetId) {
        return PREFIX + "package_show/" + datasetId;
    }

    /** A dataset as CKAN's {@code package_show} returns it. */
    ObjectNode pkg(PublishedDataset published) {
        DatasetDefinition def = published.definition();
        String iri = DatasetIris.dataset(catalog, def.id());
        String id = uuid(iri);
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("name", def.id());
        p.put("title", def.title().in(catalog.firstLanguage()));
        p.put("notes", def.description().in(catalog.firstLanguage()));
        p.put("type", "dataset");
        p.put("state", "active");
        p.put("private", false);
        p.put("url", iri + "/");
        p.put("version", published.release());
        p.putNull("creator_user_id");
        p.put("metadata_created", created(published));
        p.put("metadata_modified", published.modified().toString());
        String license = catalog.licenseFor(def);
        License known = License.of(license);
        p.put("license_id", known.id());
        p.put("license_title", known.title());
        if (license != null) {
            p.put("license_url", license);
        }
        p.put("isopen", known.open());
        Department dept = catalog.department(def.department()).orElse(new Department(def.department(), null, null));
        ObjectNode org = organization(dept, created(published));
        p.put("owner_org", org.path("id").asText());
        p.set("organization", org);
        p.putArray("groups");
        Set<String> words = def.keywordsJaEn();
        ArrayNode tags = p.putArray("tags");
        for (String word : words) {
            ObjectNode tag = tags.addObject();
            tag.put("id", uuid("tag:" + word));
            tag.put("name", word);
            tag.put("display_name", word);
            tag.put("state", "active");
            tag.putNull("vocabulary_id");
        }
        p.put("num_tags", words.size());
        ArrayNode resources = p.putArray("resources");
        int position = 0;
        for (PublishedDataset.Distribution file : published.distributions()) {
            Format format = Format.ofKey(file.format());
            ObjectNode r = resources.addObject();
            r.put("id", uuid(iri + "/distributions/" + file.format()));
            r.put("package_id", id);
            r.put("name", file.name());
            r.put("description", format.label());
            r.put("format", format.label());
            r.put("url", DatasetIris.downloadUrl(catalog, def.id(), file.name()));
            r.put("mimetype", file.mediaType());
            r.putNull("mimetype_inner");
            r.put("size", file.bytes());
            r.put("hash", "sha256:" + file.sha256());
            r.put("state", "active");
            r.putNull("resource_type");
            r.putNull("cache_last_updated");
            r.putNull("cache_url");
            r.put("created", created(published));
            r.put("last_modified", published.modified().toString());
            r.put("position", position++);
        }
        p.put("num_resources", published.distributions().size());
        ArrayNode extras = p.putArray("extras");
        extra(extras, "uri", iri);
        extra(extras, "dcat_metadata", iri + "/dataset.ttl");
        if (def.updateFrequency() != null) {
            extra(extras, "frequency", def.updateFrequency());
        }
        if (!def.themes().isEmpty()) {
            extra(extras, "theme", String.join(",", def.themes()));
        }
        return p;
    }

    private ObjectNode organization(Department dept, String created) {
        ObjectNode org = JSON.createObjectNode();
        String name = catalog.departmentName(dept.id(), catalog.firstLanguage());
        org.put("id", uuid(DatasetIris.base(catalog) + "/departments/" + dept.id()));
        org.put("name", dept.id());
        org.put("title", name);
        org.put("display_name", name);
        org.put("type", "organization");
        org.put("is_organization", true);
        org.put("state", "active");
        org.put("approval_status", "approved");
        org.put("created", created);
        return org;
    }

    /** When the dataset was first published: its oldest release kept, else this one. */
    private static String created(PublishedDataset published) {
        List<PublishedDataset.Version> versions = published.versions();
        return versions.isEmpty() ? published.modified().toString() : versions.get(versions.size() - 1).created();
    }

    private static void extra(ArrayNode extras, String key, String value) {
        ObjectNode e = extras.addObject();
        e.put("key", key);
        e.put("value", value);
    }

    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** CKAN's licence ids (its default licence list) for the licences Japanese portals use. */
    record License(String id, String title, boolean open) {
        static License of(String url) {
            if (url == null) {
                return new License("notspecified", "License not specified", false);
            }
            if (url.contains("creativecommons.org/licenses/by/")) {
                return new License("cc-by", "Creative Commons Attribution", true);
            }
            if (url.contains("creativecommons.org/licenses/by-sa/")) {
                return new License("cc-by-sa", "Creative Commons Attribution Share-Alike", true);
            }
            if (url.contains("creativecommons.org/publicdomain/zero/")) {
                return new License("cc-zero", "Creative Commons CCZero", true);
            }
            if (url.contains("public_data_license")) {
                return new License("other-at", "公共データ利用規約（PDL 1.0）", true);
            }
            return new License("other-at", url, false);
        }
    }
}
