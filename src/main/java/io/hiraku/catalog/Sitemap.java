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
 * {@code sitemap.xml} (every page of the site in every language: the index, each dataset page, the
 * department pages and the about page, each with its {@code lastmod} where it has one and, as Google
 * asks, an {@code xhtml:link hreflang} to each language version) and the {@code robots.txt} that
 * points crawlers at it.
 */
final class Sitemap {
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private Sitemap() {
    }

    static void write(CatalogDefinition catalog, List<PublishedDataset> datasets, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("urlset");
        xml.writeDefaultNamespace(NS);
        xml.writeNamespace("xhtml", XHTML);
        Instant newest = datasets.stream().map(PublishedDataset::modified).max(Comparator.naturalOrder()).orElse(null);
        page(xml, catalog, "", newest);
        for (PublishedDataset d : datasets) {
            page(xml, catalog, "datasets/" + d.definition().id() + "/", d.modified());
        }
        page(xml, catalog, "departments/", newest);
        for (var department : catalog.departments()) {
            Instant modified = datasets.stream().filter(d -> d.definition().department().equals(department.id()))
                    .map(PublishedDataset::modified).max(Comparator.naturalOrder()).orElse(null);
            page(xml, catalog, "departments/" + department.id() + "/", modified);
        }
        page(xml, catalog, "about/", null);
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    static String robots(CatalogDefinition catalog) {
        return "User-agent: *\nAllow: /\n\nSitemap: " + DatasetIris.base(catalog) + "/sitemap.xml\n";
    }

    /** One page at {@code path} in each language, each entry linking all of them. */
    private static void page(XMLStreamWriter xml, CatalogDefinition catalog, String path, Instant lastmod)
            throws XMLStreamException {
        String base = DatasetIris.base(catalog) + "/";
        for (String language : catalog.languages()) {
            xml.writeStartElement("url");
            xml.writeStartElement("loc");
            xml.writeCharacters(base + PageModels.prefix(catalog, language) + path);
            xml.writeEndElement();
            if (lastmod != null) {
                xml.writeStartElement("lastmod");
                xml.writeCharacters(lastmod.toString());
                xml.writeEndElement();
            }
            if (catalog.languages().size() > 1) {
                for (String other : catalog.languages()) {
                    xml.writeEmptyElement("xhtml", "link", XHTML);
                    xml.writeAttribute("rel", "alternate");
                    xml.writeAttribute("hreflang", other);
                    xml.writeAttribute("href", base + PageModels.prefix(catalog, other) + path);
                }
            }
            xml.writeEndElement();
        }
    }
}
