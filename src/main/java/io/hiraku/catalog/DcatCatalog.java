package io.hiraku.catalog;

import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.Contact;
import io.hiraku.schema.DataTheme;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Department;
import io.hiraku.schema.LocalizedText;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.vocabulary.DCTerms;

/**
 * The DCAT-AP 3 description of the catalog: the catalog, each published dataset, a distribution per
 * published file (media type, EU file type, byte size, sha256 checksum, download URL, licence), and
 * the publishing departments as foaf:Agents. Datasets and distributions have stable HTTP IRIs.
 */
public final class DcatCatalog {
    private static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private final CatalogDefinition catalog;

    public DcatCatalog(CatalogDefinition catalog) {
        this.catalog = catalog;
    }

    /** One dataset's own DCAT document (its distributions, publisher, versions), without the catalog. */
    public Model datasetModel(PublishedDataset published) {
        Model m = prefixed();
        dataset(m, published);
        return m;
    }

    private static Model prefixed() {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("dcat", Vocabularies.DCAT);
        m.setNsPrefix("dct", DCTerms.NS);
        m.setNsPrefix("gsp", Vocabularies.GSP);
        m.setNsPrefix("foaf", Vocabularies.FOAF);
        m.setNsPrefix("vcard", Vocabularies.VCARD);
        m.setNsPrefix("spdx", Vocabularies.SPDX);
        m.setNsPrefix("adms", Vocabularies.ADMS);
        m.setNsPrefix("xsd", XSDDatatype.XSD + "#");
        return m;
    }

    public Model model(List<PublishedDataset> datasets) {
        Model m = prefixed();
        String base = DatasetIris.base(catalog);
        Resource cat = m.createResource(base + "/catalog", dcat(m, "Catalog"));
        addText(cat, DCTerms.title, catalog.title());
        addText(cat, DCTerms.description, catalog.description());
        cat.addProperty(m.createProperty(Vocabularies.FOAF, "homepage"), typed(m, base + "/", Vocabularies.FOAF + "Document"));
        Resource publisher = agent(m, base + "/publisher", catalog.publisher());
        cat.addProperty(DCTerms.publisher, publisher);
        for (String language : catalog.languages()) {
            cat.addProperty(DCTerms.language, typed(m, Vocabularies.language(language), DCTerms.NS + "LinguisticSystem"));
        }
        if (catalog.license() != null) {
            cat.addProperty(DCTerms.license, licence(m, catalog.license()));
        }
        for (PublishedDataset published : datasets) {
            cat.addProperty(dcatProperty(m, "dataset"), dataset(m, published));
        }
        return m;
    }

    /** How many pages the catalog documents have: datasets are split {@code pageSize} to a page. */
    public int pages(int datasets) {
        return Math.max(1, (datasets + catalog.pageSize() - 1) / catalog.pageSize());
    }

    /** The store key of a catalog page in a syntax: {@code catalog.ttl}, then {@code catalog-2.ttl}, ... */
    public static String pageKey(int page, Syntax syntax) {
        return (page == 1 ? "catalog" : "catalog-" + page) + "." + syntax.extension();
    }

    /** The datasets on a page of the catalog (from 1). */
    public List<PublishedDataset> onPage(List<PublishedDataset> datasets, int page) {
        int size = catalog.pageSize();
        return datasets.subList(Math.min(datasets.size(), (page - 1) * size), Math.min(datasets.size(), page * size));
    }

    /** One page of the catalog: the catalog with that page's datasets. */
    public Model page(List<PublishedDataset> datasets, int page) {
        Model m = model(onPage(datasets, page));
        if (pages(datasets.size()) > 1) {
            m.setNsPrefix("hydra", HYDRA);
        }
        return m;
    }

    /**
     * A page's {@code hydra:PartialCollectionView} when there is more than one page (else an empty
     * graph): first, last, previous and next pages in the same syntax, which the ckanext-dcat harvester
     * follows.
     */
    public Model pagingView(int datasets, int page, Syntax syntax) {
        Model m = ModelFactory.createDefaultModel();
        int pages = pages(datasets);
        if (pages > 1) {
            String hydra = HYDRA;
            String base = DatasetIris.base(catalog) + "/";
            Resource view = m.createResource(base + pageKey(page, syntax), m.createResource(hydra + "PartialCollectionView"));
            view.addProperty(m.createProperty(hydra, "first"), m.createResource(base + pageKey(1, syntax)));
            view.addProperty(m.createProperty(hydra, "last"), m.createResource(base + pageKey(pages, syntax)));
            if (page > 1) {
                view.addProperty(m.createProperty(hydra, "previous"), m.createResource(base + pageKey(page - 1, syntax)));
            }
            if (page < pages) {
                view.addProperty(m.createProperty(hydra, "next"), m.createResource(base + pageKey(page + 1, syntax)));
            }
            view.addLiteral(m.createProperty(hydra, "totalItems"), m.createTypedLiteral(datasets));
            view.addLiteral(m.createProperty(hydra, "itemsPerPage"), m.createTypedLiteral(catalog.pageSize()));
        }
        return m;
    }

    public void writeTurtle(List<PublishedDataset> datasets, OutputStream out) {
        RDFDataMgr.write(out, model(datasets), RDFFormat.TURTLE_PRETTY);
    }

    /** The serializations crawlers harvest: Turtle, RDF/XML and JSON-LD (with its context inline). */
    public enum Syntax {
        TURTLE("ttl", "text/turtle; charset=utf-8", RDFFormat.TURTLE_PRETTY),
        RDF_XML("rdf", "application/rdf+xml", RDFFormat.RDFXML_PLAIN),
        JSON_LD("jsonld", "application/ld+json", RDFFormat.JSONLD11_PRETTY);

        private final String extension;
        private final String contentType;
        private final RDFFormat format;

        Syntax(String extension, String contentType, RDFFormat format) {
            this.extension = extension;
            this.contentType = contentType;
            this.format = format;
        }

        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }

        public void write(Model model, OutputStream out) {
            RDFDataMgr.write(out, model, format);
        }
    }

    private Resource dataset(Model m, PublishedDataset published) {
        DatasetDefinition def = published.definition();
        String iri = DatasetIris.dataset(catalog, def.id());
        Resource ds = m.createResource(iri, dcat(m, "Dataset"));
        ds.addProperty(DCTerms.identifier, def.id());
        addText(ds, DCTerms.title, def.title());
        addText(ds, DCTerms.description, def.description());
        def.keywords().forEach((lang, words) ->
                words.forEach(w -> ds.addProperty(dcatProperty(m, "keyword"), w, lang)));
        for (String code : def.themes()) {
            DataTheme theme = DataTheme.of(code).orElseThrow();
            Resource concept = typed(m, theme.iri(), Vocabularies.SKOS + "Concept");
            concept.addProperty(m.createProperty(Vocabularies.SKOS, "prefLabel"), theme.en(), "en");
            concept.addProperty(m.createProperty(Vocabularies.SKOS, "prefLabel"), theme.ja(), "ja");
            ds.addProperty(dcatProperty(m, "theme"), concept);
        }
        for (String spatial : new String[] {catalog.spatial(), def.spatial()}) {
            Place.of(catalog, spatial).ifPresent(place -> {
                Resource location = typed(m, place.iri(), DCTerms.NS + "Location");
                if (place.code() != null) {
                    location.addProperty(DCTerms.identifier, place.code());
                    location.addProperty(m.createProperty(Vocabularies.SKOS, "prefLabel"), place.nameJa(), "ja");
                }
                ds.addProperty(DCTerms.spatial, location);
            });
        }
        if (published.bbox() != null) {
            ds.addProperty(DCTerms.spatial, extent(m, iri, published.bbox()));
        }
        Department dept = catalog.department(def.department()).orElse(null);
        LocalizedText deptName = dept != null && !dept.name().isEmpty()
                ? dept.name() : LocalizedText.of(catalog.firstLanguage(), def.department());
        ds.addProperty(DCTerms.publisher, agent(m, DatasetIris.base(catalog) + "/departments/" + def.department(),
                deptName));
        Contact contact = catalog.contactFor(def);
        if (contact != null) {
            ds.addProperty(dcatProperty(m, "contactPoint"), contact(m, contact, deptName));
        }
        String modified = published.modified().toString();
        ds.addProperty(DCTerms.modified, modified, XSDDatatype.XSDdateTime);
        String issued = firstIssued(published);
        ds.addProperty(DCTerms.issued, issued, XSDDatatype.XSDdateTime);
        // open data: anyone may use it, without conditions beyond the licence
        ds.addProperty(DCTerms.accessRights, typed(m, Vocabularies.EU + "access-right/PUBLIC", DCTerms.NS + "RightsStatement"));
        if (def.temporal() != null) {
            Resource period = typed(m, iri + "#temporal", DCTerms.NS + "PeriodOfTime");
            if (def.temporal().start() != null) {
                period.addProperty(dcatProperty(m, "startDate"), def.temporal().start(), XSDDatatype.XSDdate);
            }
            if (def.temporal().end() != null) {
                period.addProperty(dcatProperty(m, "endDate"), def.temporal().end(), XSDDatatype.XSDdate);
            }
            ds.addProperty(DCTerms.temporal, period);
        }
        String frequency = Vocabularies.frequency(def.updateFrequency());
        if (frequency != null) {
            ds.addProperty(DCTerms.accrualPeriodicity, typed(m, frequency, DCTerms.NS + "Frequency"));
        }
        ds.addProperty(dcatProperty(m, "landingPage"), typed(m, iri + "/", Vocabularies.FOAF + "Document"));
        versions(m, ds, def, published, iri);
        ds.addProperty(DCTerms.conformsTo, typed(m, iri + "/datapackage.json", DCTerms.NS + "Standard"));
        String license = catalog.licenseFor(def);
        for (PublishedDataset.Distribution file : published.distributions()) {
            ds.addProperty(dcatProperty(m, "distribution"), distribution(m, def, file, license, issued, modified));
        }
        return ds;
    }

    /**
     * DCAT 3 versioning: the dataset is its latest release ({@code dcat:version}, {@code adms:versionNotes}
     * with what changed); every release is a dataset of its own under {@code <iri>/releases/<release>},
     * linked by {@code dcat:hasVersion} and, from the latest, {@code dcat:previousVersion}.
     */
    private void versions(Model m, Resource ds, DatasetDefinition def, PublishedDataset published, String iri) {
        ds.addProperty(dcatProperty(m, "version"), published.release());
        // a withdrawn release is no longer a version anyone can fetch
        List<PublishedDataset.Version> versions = published.liveVersions();
        if (versions.isEmpty()) {
            return;
        }
        ds.addProperty(m.createProperty(Vocabularies.ADMS, "versionNotes"), versions.get(0).summary(), "en");
        String first = catalog.firstLanguage();
        for (int i = 0; i < versions.size(); i++) {
            PublishedDataset.Version v = versions.get(i);
            Resource version = m.createResource(iri + "/releases/" + v.release(), dcat(m, "Dataset"));
            version.addProperty(DCTerms.title, def.title().in(first) + " (" + v.release() + ")", def.title().languageOf(first));
            version.addProperty(DCTerms.description, v.summary(), "en");
            version.addProperty(dcatProperty(m, "version"), v.release());
            version.addProperty(DCTerms.identifier, def.id() + "/releases/" + v.release());
            version.addProperty(DCTerms.issued, v.created(), XSDDatatype.XSDdateTime);
            version.addProperty(dcatProperty(m, "landingPage"),
                    typed(m, iri + "/#release-" + v.release(), Vocabularies.FOAF + "Document"));
            ds.addProperty(dcatProperty(m, "hasVersion"), version);
            if (i == 1) {
                ds.addProperty(dcatProperty(m, "previousVersion"), version);
            }
            if (i + 1 < versions.size()) {
                version.addProperty(dcatProperty(m, "previousVersion"),
                        m.createResource(iri + "/releases/" + versions.get(i + 1).release()));
            }
        }
    }

    /** When the dataset was first published: its oldest release, else this one. */
    /**
     * Where a table of places is: {@code <dataset>#extent}, a {@code dct:Location} with its bounding box as a WKT
     * polygon (longitude first, WGS84: GeoSPARQL's default), or its centroid when every place is one point.
     */
    private static Resource extent(Model m, String datasetIri, List<java.math.BigDecimal> bbox) {
        String w = bbox.get(0).toPlainString();
        String s = bbox.get(1).toPlainString();
        String e = bbox.get(2).toPlainString();
        String n = bbox.get(3).toPlainString();
        Resource location = typed(m, datasetIri + "#extent", DCTerms.NS + "Location");
        org.apache.jena.datatypes.RDFDatatype wkt = org.apache.jena.datatypes.TypeMapper.getInstance()
                .getSafeTypeByName(Vocabularies.GSP + "wktLiteral");
        if (w.equals(e) && s.equals(n)) {
            location.addProperty(dcatProperty(m, "centroid"), m.createTypedLiteral("POINT(" + w + " " + s + ")", wkt));
        } else {
            location.addProperty(dcatProperty(m, "bbox"), m.createTypedLiteral("POLYGON((" + w + " " + s + ", " + e + " "
                    + s + ", " + e + " " + n + ", " + w + " " + n + ", " + w + " " + s + "))", wkt));
        }
        return location;
    }

    private static String firstIssued(PublishedDataset published) {
        List<PublishedDataset.Version> versions = published.versions();
        return versions.isEmpty() ? published.modified().toString() : versions.get(versions.size() - 1).created();
    }

    private Resource distribution(Model m, DatasetDefinition def, PublishedDataset.Distribution file, String license,
                                  String issued, String modified) {
        String url = DatasetIris.downloadUrl(catalog, def.id(), file.name());
        Format format = Format.ofKey(file.format());
        Resource dist = m.createResource(DatasetIris.dataset(catalog, def.id()) + "/distributions/" + file.format(),
                dcat(m, "Distribution"));
        String first = catalog.firstLanguage(); // the title in the catalog's first language, tagged as what it is
        dist.addProperty(DCTerms.title, def.title().in(first) + " (" + format.label() + ")", def.title().languageOf(first));
        dist.addProperty(DCTerms.description, format.label() + ": " + file.name(), "en");
        dist.addProperty(DCTerms.format, typed(m, Vocabularies.fileType(format.euFileType()),
                DCTerms.NS + "MediaTypeOrExtent"));
        dist.addProperty(dcatProperty(m, "mediaType"), typed(m, Vocabularies.IANA_MEDIA + format.mediaType(),
                DCTerms.NS + "MediaType"));
        dist.addLiteral(dcatProperty(m, "byteSize"), m.createTypedLiteral(Long.toString(file.bytes()),
                XSDDatatype.XSDnonNegativeInteger));
        dist.addProperty(dcatProperty(m, "downloadURL"), m.createResource(url));
        if (format.gzipped()) {
            dist.addProperty(dcatProperty(m, "compressFormat"),
                    typed(m, Vocabularies.IANA_MEDIA + "application/gzip", DCTerms.NS + "MediaType"));
        }
        dist.addProperty(dcatProperty(m, "accessURL"), m.createResource(url));
        dist.addProperty(DCTerms.issued, issued, XSDDatatype.XSDdateTime);
        dist.addProperty(DCTerms.modified, modified, XSDDatatype.XSDdateTime);
        // the terms of use in words, beside the licence (the catalog's about page)
        dist.addProperty(DCTerms.rights, typed(m, DatasetIris.base(catalog) + "/about/#terms", DCTerms.NS + "RightsStatement"));
        // the latest files stay at their URLs for good (and every release keeps its own)
        dist.addProperty(m.createProperty("http://data.europa.eu/r5r/availability"),
                concept(m, Vocabularies.EU + "planned-availability/STABLE", "stable"));
        if (license != null) {
            dist.addProperty(DCTerms.license, licence(m, license));
        }
        Resource checksum = m.createResource(m.createResource(Vocabularies.SPDX + "Checksum"));
        checksum.addProperty(m.createProperty(Vocabularies.SPDX, "algorithm"),
                m.createResource(Vocabularies.SPDX + "checksumAlgorithm_sha256"));
        checksum.addProperty(m.createProperty(Vocabularies.SPDX, "checksumValue"), file.sha256(),
                XSDDatatype.XSDhexBinary);
        dist.addProperty(m.createProperty(Vocabularies.SPDX, "checksum"), checksum);
        return dist;
    }

    private Resource agent(Model m, String iri, LocalizedText name) {
        Resource agent = m.createResource(iri, m.createResource(Vocabularies.FOAF + "Agent"));
        addText(agent, m.createProperty(Vocabularies.FOAF, "name"), name);
        return agent;
    }

    private Resource contact(Model m, Contact contact, LocalizedText fallbackName) {
        Resource kind = m.createResource(m.createResource(Vocabularies.VCARD + "Kind"));
        LocalizedText name = contact.name() != null ? contact.name() : fallbackName;
        addText(kind, m.createProperty(Vocabularies.VCARD, "fn"), name);
        if (contact.email() != null) {
            kind.addProperty(m.createProperty(Vocabularies.VCARD, "hasEmail"),
                    m.createResource("mailto:" + contact.email()));
        }
        if (contact.phone() != null) {
            kind.addProperty(m.createProperty(Vocabularies.VCARD, "hasTelephone"),
                    m.createResource("tel:" + contact.phone().replaceAll("[^0-9+]", "")));
        }
        if (contact.url() != null) {
            kind.addProperty(m.createProperty(Vocabularies.VCARD, "hasURL"), m.createResource(contact.url()));
        }
        return kind;
    }

    /** A reference to a term, typed with the class DCAT-AP expects of it. */
    /** A SKOS concept of an authority table, with the English label DCAT-AP requires of it. */
    private static Resource concept(Model m, String iri, String labelEn) {
        Resource concept = typed(m, iri, Vocabularies.SKOS + "Concept");
        concept.addProperty(m.createProperty(Vocabularies.SKOS, "prefLabel"), labelEn, "en");
        return concept;
    }

    private static Resource typed(Model m, String iri, String type) {
        return m.createResource(iri, m.createResource(type));
    }

    private static Resource licence(Model m, String url) {
        Resource licence = m.createResource(Vocabularies.license(url), DCTerms.LicenseDocument);
        String type = Vocabularies.licenceType(url);
        if (type != null) {
            licence.addProperty(DCTerms.type, concept(m, type, type.substring(type.lastIndexOf('/') + 1)));
        }
        return licence;
    }

    private static void addText(Resource r, Property p, LocalizedText text) {
        text.asMap().forEach((lang, value) -> r.addProperty(p, value, lang.toLowerCase(Locale.ROOT)));
    }

    private static Resource dcat(Model m, String type) {
        return m.createResource(Vocabularies.DCAT + type);
    }

    private static Property dcatProperty(Model m, String name) {
        return m.createProperty(Vocabularies.DCAT, name);
    }

}
