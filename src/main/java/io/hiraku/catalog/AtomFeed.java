package io.hiraku.catalog;

import io.hiraku.publish.DatasetIris;
import io.hiraku.schema.CatalogDefinition;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom feeds of releases, newest first, each entry saying what changed: one per dataset
 * ({@code datasets/<id>/feed.atom}), one per department ({@code feeds/<department>.atom}) and one for the
 * whole catalog ({@code feeds/all.atom}). An entry's id is its release IRI, the same in every feed.
 * Written with StAX, which escapes every value.
 */
final class AtomFeed {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** Entries kept in the department and catalog feeds; a dataset's own feed lists all its releases. */
    static final int MAX_SHARED_ENTRIES = 200;

    private record Entry(io.hiraku.schema.DatasetDefinition definition, PublishedDataset.Version version) {
        /** When the entry last changed: the release's publication, or its withdrawal. */
        String updated() {
            return version.live() ? version.created() : version.withdrawn().at();
        }
    }

    private AtomFeed() {
    }

    static void dataset(CatalogDefinition catalog, PublishedDataset dataset, OutputStream out) throws XMLStreamException {
        String iri = DatasetIris.dataset(catalog, dataset.definition().id());
        String author = catalog.departmentName(dataset.definition().department(), catalog.firstLanguage());
        write(catalog, iri + "/feed.atom", iri + "/", dataset.definition().title().in(catalog.firstLanguage()), author,
                entries(List.of(dataset), List.of()), dataset.modified().toString(), Integer.MAX_VALUE, out);
    }

    /** The last feed of a dataset withdrawn whole: every release, each saying it was withdrawn and why. */
    static void withdrawn(CatalogDefinition catalog, WithdrawnDataset dataset, OutputStream out) throws XMLStreamException {
        String iri = DatasetIris.dataset(catalog, dataset.definition().id());
        String author = catalog.departmentName(dataset.definition().department(), catalog.firstLanguage());
        write(catalog, iri + "/feed.atom", iri + "/", dataset.definition().title().in(catalog.firstLanguage()), author,
                entries(List.of(), List.of(dataset)), dataset.last().at(), Integer.MAX_VALUE, out);
    }

    static void department(CatalogDefinition catalog, String department, List<PublishedDataset> datasets,
                           List<WithdrawnDataset> withdrawn, OutputStream out) throws XMLStreamException {
        String name = catalog.departmentName(department, catalog.firstLanguage());
        String base = DatasetIris.base(catalog);
        List<PublishedDataset> own = datasets.stream().filter(d -> d.definition().department().equals(department)).toList();
        write(catalog, base + "/feeds/" + department + ".atom", base + "/", catalog.title().in(catalog.firstLanguage()) + " — " + name,
                name, entries(own, withdrawn.stream().filter(d -> d.definition().department().equals(department)).toList()),
                latest(own), MAX_SHARED_ENTRIES, out);
    }

    static void all(CatalogDefinition catalog, List<PublishedDataset> datasets, List<WithdrawnDataset> withdrawn,
                    OutputStream out) throws XMLStreamException {
        String base = DatasetIris.base(catalog);
        write(catalog, base + "/feeds/all.atom", base + "/", catalog.title().in(catalog.firstLanguage()), catalog.publisher().in(catalog.firstLanguage()),
                entries(datasets, withdrawn), latest(datasets), MAX_SHARED_ENTRIES, out);
    }

    /** Every release of these datasets, published or withdrawn, the most recently changed first. */
    private static List<Entry> entries(List<PublishedDataset> datasets, List<WithdrawnDataset> withdrawn) {
        List<Entry> entries = new ArrayList<>();
        datasets.forEach(d -> d.versions().forEach(v -> entries.add(new Entry(d.definition(), v))));
        withdrawn.forEach(d -> d.versions().forEach(v -> entries.add(new Entry(d.definition(), v))));
        entries.sort(Comparator.comparing(Entry::updated).reversed().thenComparing(e -> e.definition().id()));
        return entries;
    }

    private static String latest(List<PublishedDataset> datasets) {
        return datasets.stream().map(d -> d.modified().toString()).max(Comparator.naturalOrder()).orElse("1970-01-01T00:00:00Z");
    }

    /** @param updated the feed's time when it has no entry */
    private static void write(CatalogDefinition catalog, String self, String alternate, String title, String author,
                              List<Entry> entries, String updated, int limit, OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM);
        element(xml, "id", self);
        element(xml, "title", title);
        element(xml, "updated", entries.isEmpty() ? updated : entries.get(0).updated());
        link(xml, "self", self);
        link(xml, "alternate", alternate);
        xml.writeStartElement("author");
        element(xml, "name", author.isEmpty() ? title : author);
        xml.writeEndElement();
        for (Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
            String iri = DatasetIris.dataset(catalog, e.definition().id());
            PublishedDataset.Version version = e.version();
            xml.writeStartElement("entry");
            element(xml, "id", iri + "/releases/" + version.release());
            String entryTitle = e.definition().title().in(catalog.firstLanguage()) + " " + version.release();
            element(xml, "updated", e.updated());
            if (version.live()) {
                element(xml, "title", entryTitle);
                link(xml, "alternate", iri + "/releases/" + version.release() + "/datapackage.json");
                element(xml, "summary", version.rows() + " rows; " + version.summary());
            } else {
                // the same entry, updated: readers who saw the release see that it was taken down
                element(xml, "title", entryTitle + " （取り下げ / withdrawn）");
                link(xml, "alternate", iri + "/#release-" + version.release());
                element(xml, "summary", "withdrawn: " + version.withdrawn().reason());
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
