package io.hiraku.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.vocabulary.DCTerms;

/**
 * The data.europa.eu Metadata Quality Assessment of one dataset, computed on the DCAT graph Hiraku
 * publishes for it (what a harvester sees): the MQA's 23 indicators in five dimensions, 405 points,
 * and its rating (excellent above 350, good from 221, enough from 120, else bad). Distribution
 * indicators give their points in proportion to the distributions that meet them. The format and
 * licence lists are the EDP's own (src/main/resources/standards/edp-mqa); a URL answers when it is one
 * of the dataset's published files ({@link #ofPublished}). The measurements are also
 * published as DQV ({@link #addTo}).
 */
public final class MqaScore {
    public static final String PV = "https://piveau.eu/ns/voc#";
    private static final String DCAT = Vocabularies.DCAT;
    private static final String DQV = "http://www.w3.org/ns/dqv#";
    private static final Set<String> MACHINE_READABLE = concepts("edp-machine-readable-format.rdf");
    private static final Set<String> NON_PROPRIETARY = concepts("edp-non-proprietary-format.rdf");
    private static final Set<String> KNOWN_LICENCES = concepts("edp-licences-skos.rdf");

    /** One indicator: its metric (the piveau DQV IRI's local name), dimension, weight and points earned. */
    public record Indicator(String metric, String dimension, int weight, double met, int points) {
    }

    private final List<Indicator> indicators;

    private MqaScore(List<Indicator> indicators) {
        this.indicators = List.copyOf(indicators);
    }

    /**
     * The score of a dataset as published (or about to be): its URLs answer when they are the URLs of
     * its own files, which are in the store before its metadata is (no request per URL), and its graph
     * passed the DCAT-AP gate, which every release does before it is published.
     */
    public static MqaScore ofPublished(io.hiraku.schema.CatalogDefinition catalog, PublishedDataset published,
                                       Model datasetGraph) {
        String id = published.definition().id();
        Set<String> files = new HashSet<>();
        for (PublishedDataset.Distribution file : published.distributions()) {
            files.add(io.hiraku.publish.DatasetIris.downloadUrl(catalog, id, file.name()));
        }
        return of(datasetGraph, io.hiraku.publish.DatasetIris.dataset(catalog, id), files::contains, true);
    }

    /**
     * @param datasetGraph the dataset's DCAT document
     * @param datasetIri   the dataset in it
     * @param resolves     whether a URL answers (for Hiraku's own URLs: the object is in the store)
     * @param dcatCompliant whether the graph passed the DCAT-AP SHACL shapes (every published dataset did)
     */
    public static MqaScore of(Model datasetGraph, String datasetIri, Predicate<String> resolves, boolean dcatCompliant) {
        Model m = datasetGraph;
        Resource ds = m.createResource(datasetIri);
        List<Resource> dists = m.listObjectsOfProperty(ds, m.createProperty(DCAT, "distribution"))
                .filterKeep(RDFNode::isResource).mapWith(RDFNode::asResource).toList();
        List<Indicator> list = new ArrayList<>();
        // findability
        add(list, "keywordAvailability", "findability", 30, has(ds, m.createProperty(DCAT, "keyword")));
        add(list, "categoryAvailability", "findability", 30, has(ds, m.createProperty(DCAT, "theme")));
        add(list, "spatialAvailability", "findability", 20, has(ds, DCTerms.spatial));
        add(list, "temporalAvailability", "findability", 20, has(ds, DCTerms.temporal));
        // accessibility
        Property accessUrl = m.createProperty(DCAT, "accessURL");
        Property downloadUrl = m.createProperty(DCAT, "downloadURL");
        add(list, "accessUrlStatusCode", "accessibility", 50, share(dists, d -> answers(d, accessUrl, resolves)));
        add(list, "downloadUrlAvailability", "accessibility", 20, share(dists, d -> d.hasProperty(downloadUrl)));
        add(list, "downloadUrlStatusCode", "accessibility", 30, share(dists, d -> answers(d, downloadUrl, resolves)));
        // interoperability
        Property mediaType = m.createProperty(DCAT, "mediaType");
        add(list, "formatAvailability", "interoperability", 20, share(dists, d -> d.hasProperty(DCTerms.format)));
        add(list, "mediaTypeAvailability", "interoperability", 10, share(dists, d -> d.hasProperty(mediaType)));
        add(list, "formatMediaTypeVocabularyAlignment", "interoperability", 10, share(dists, d ->
                iriIn(d, DCTerms.format, Vocabularies.EU + "file-type/") || iriIn(d, mediaType, Vocabularies.IANA_MEDIA)));
        add(list, "formatMediaTypeNonProprietary", "interoperability", 20,
                share(dists, d -> formatIn(d, NON_PROPRIETARY)));
        add(list, "formatMediaTypeMachineInterpretable", "interoperability", 20,
                share(dists, d -> formatIn(d, MACHINE_READABLE)));
        add(list, "dcatApCompliance", "interoperability", 30, dcatCompliant ? 1 : 0);
        // reusability
        add(list, "licenceAvailability", "reusability", 20, share(dists, d -> d.hasProperty(DCTerms.license)));
        add(list, "knownLicence", "reusability", 10, share(dists, d -> d.listProperties(DCTerms.license).toList()
                .stream().anyMatch(s -> s.getObject().isURIResource() && KNOWN_LICENCES.contains(s.getResource().getURI()))));
        add(list, "accessRightsAvailability", "reusability", 10, has(ds, DCTerms.accessRights));
        add(list, "accessRightsVocabularyAlignment", "reusability", 5,
                iriIn(ds, DCTerms.accessRights, Vocabularies.EU + "access-right/") ? 1 : 0);
        add(list, "contactPointAvailability", "reusability", 20, has(ds, m.createProperty(DCAT, "contactPoint")));
        add(list, "publisherAvailability", "reusability", 10, has(ds, DCTerms.publisher));
        // contextuality
        add(list, "rightsAvailability", "contextuality", 5, share(dists, d -> d.hasProperty(DCTerms.rights)));
        add(list, "byteSizeAvailability", "contextuality", 5,
                share(dists, d -> d.hasProperty(m.createProperty(DCAT, "byteSize"))));
        add(list, "dateIssuedAvailability", "contextuality", 5, share(dists, d -> d.hasProperty(DCTerms.issued)));
        add(list, "dateModifiedAvailability", "contextuality", 5, share(dists, d -> d.hasProperty(DCTerms.modified)));
        return new MqaScore(list);
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    /** The indicators that did not earn their whole weight: what the metadata could still add. */
    public List<Indicator> unmet() {
        return indicators.stream().filter(i -> i.points() < i.weight()).toList();
    }

    public int points() {
        return indicators.stream().mapToInt(Indicator::points).sum();
    }

    public static int maximum() {
        return 405;
    }

    /** EXCELLENT, GOOD, ENOUGH or BAD, by the EDP's scoring scheme. */
    public String rating() {
        int p = points();
        return p > 350 ? "EXCELLENT" : p >= 221 ? "GOOD" : p >= 120 ? "ENOUGH" : "BAD";
    }

    /**
     * The measurements as DQV on the dataset: one {@code dqv:QualityMeasurement} per indicator
     * ({@code <dataset>#mqa-<metric>}, value true, false, or the share of distributions), and the score.
     */
    public void addTo(Model m, String datasetIri) {
        Resource ds = m.createResource(datasetIri);
        Property has = m.createProperty(DQV, "hasQualityMeasurement");
        for (Indicator i : indicators) {
            measurement(m, ds, has, datasetIri, i.metric(), i.met() == 1 || i.met() == 0
                    ? m.createTypedLiteral(Boolean.toString(i.met() == 1), XSDDatatype.XSDboolean)
                    : m.createTypedLiteral(String.format(java.util.Locale.ROOT, "%.4f", i.met()), XSDDatatype.XSDdecimal));
        }
        measurement(m, ds, has, datasetIri, "score", m.createTypedLiteral(Integer.toString(points()), XSDDatatype.XSDinteger));
    }

    private static void measurement(Model m, Resource ds, Property has, String datasetIri, String metric, RDFNode value) {
        Resource measurement = m.createResource(datasetIri + "#mqa-" + metric, m.createResource(DQV + "QualityMeasurement"));
        measurement.addProperty(m.createProperty(DQV, "computedOn"), ds);
        measurement.addProperty(m.createProperty(DQV, "isMeasurementOf"), m.createResource(PV + metric));
        measurement.addProperty(m.createProperty(DQV, "value"), value);
        ds.addProperty(has, measurement);
    }

    private static void add(List<Indicator> list, String metric, String dimension, int weight, double met) {
        list.add(new Indicator(metric, dimension, weight, met, (int) Math.round(weight * met)));
    }

    private static double has(Resource r, Property p) {
        return r.hasProperty(p) ? 1 : 0;
    }

    private static double share(List<Resource> dists, Predicate<Resource> test) {
        if (dists.isEmpty()) {
            return 0;
        }
        return (double) dists.stream().filter(test).count() / dists.size();
    }

    private static boolean answers(Resource dist, Property urlProperty, Predicate<String> resolves) {
        return dist.listProperties(urlProperty).toList().stream()
                .anyMatch(s -> s.getObject().isURIResource() && resolves.test(s.getResource().getURI()));
    }

    private static boolean iriIn(Resource r, Property p, String namespace) {
        return r.listProperties(p).toList().stream()
                .anyMatch(s -> s.getObject().isURIResource() && s.getResource().getURI().startsWith(namespace));
    }

    private static boolean formatIn(Resource dist, Set<String> formats) {
        return dist.listProperties(DCTerms.format).toList().stream()
                .anyMatch(s -> s.getObject().isURIResource() && formats.contains(s.getResource().getURI()));
    }

    /** Every resource a vocabulary file of the EDP describes. */
    private static Set<String> concepts(String file) {
        Model vocabulary = ModelFactory.createDefaultModel();
        try (InputStream in = MqaScore.class.getResourceAsStream("/standards/edp-mqa/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the MQA vocabulary " + file + " is missing from the application");
            }
            // the vendored EDP licence list is kept verbatim; its one misspelt rdf:Description (CC0) still
            // gives the concept, so its parser warning is not shown to every user at start-up
            org.apache.jena.riot.RDFParser.source(in).lang(Lang.RDFXML)
                    .errorHandler(org.apache.jena.riot.system.ErrorHandlerFactory.errorHandlerNoWarnings)
                    .parse(vocabulary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> iris = new HashSet<>();
        vocabulary.listSubjects().forEach(s -> {
            if (s.isURIResource()) {
                iris.add(s.getURI());
            }
        });
        vocabulary.listObjectsOfProperty(vocabulary.createProperty("http://www.w3.org/2002/07/owl#sameAs"))
                .forEach(o -> {
                    if (o.isURIResource()) {
                        iris.add(o.asResource().getURI());
                    }
                });
        return Set.copyOf(iris);
    }
}
