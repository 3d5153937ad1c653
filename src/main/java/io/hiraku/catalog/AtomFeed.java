package io.hiraku.catalog;

import io.hiraku.publish.DatasetIris;
import io.hiraku.schema.CatalogDefinition;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A dataset's Atom feed ({@code datasets/<id>/feed.atom}): one entry per release, newest first, with
 * what changed in it, so feed readers and harvesters learn of new releases. Written with StAX, which
 * escapes every value.
 */
final class AtomFeed {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    static void write(CatalogDefinition catalog, PublishedDataset dataset, OutputStream out) throws XMLStreamException {
        String iri = DatasetIris.dataset(catalog, dataset.definition().id());
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM);
        element(xml, "id", iri + "/feed.atom");
        element(xml, "title", dataset.definition().title().in("ja"));
        element(xml, "updated", dataset.modified().toString());
        link(xml, "self", iri + "/feed.atom");
        link(xml, "alternate", iri + "/");
        xml.writeStartElement("author");
        element(xml, "name", catalog.department(dataset.definition().department())
                .map(d -> d.name().in("ja")).orElse(catalog.publisher().in("ja")));
        xml.writeEndElement();
        for (PublishedDataset.Version version : dataset.versions()) {
            xml.writeStartElement("entry");
            element(xml, "id", iri + "/releases/" + version.release());
            element(xml, "title", dataset.definition().title().in("ja") + " " + version.release());
            element(xml, "updated", version.created());
            link(xml, "alternate", iri + "/releases/" + version.release() + "/datapackage.json");
            element(xml, "summary", version.rows() + " rows; " + version.summary());
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
