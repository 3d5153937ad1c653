package io.hiraku.catalog;

import io.hiraku.publish.DatasetIris;
import io.hiraku.schema.CatalogDefinition;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code sitemap.xml} (the index page and every dataset page, each with its {@code lastmod}) and the
 * {@code robots.txt} that points crawlers at it.
 */
final class Sitemap {
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private Sitemap() {
    }

    static void write(CatalogDefinition catalog, List<PublishedDataset> datasets, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("urlset");
        xml.writeDefaultNamespace(NS);
        Instant newest = datasets.stream().map(PublishedDataset::modified).max(Comparator.naturalOrder()).orElse(null);
        url(xml, DatasetIris.base(catalog) + "/", newest);
        for (PublishedDataset d : datasets) {
            url(xml, DatasetIris.dataset(catalog, d.definition().id()) + "/", d.modified());
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    static String robots(CatalogDefinition catalog) {
        return "User-agent: *\nAllow: /\n\nSitemap: " + DatasetIris.base(catalog) + "/sitemap.xml\n";
    }

    private static void url(XMLStreamWriter xml, String loc, Instant lastmod) throws XMLStreamException {
        xml.writeStartElement("url");
        xml.writeStartElement("loc");
        xml.writeCharacters(loc);
        xml.writeEndElement();
        if (lastmod != null) {
            xml.writeStartElement("lastmod");
            xml.writeCharacters(lastmod.toString());
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
