package io.hiraku;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.jsoup.nodes.Document;

/**
 * The schema.org JSON-LD of a page, read as Google reads it: parsed with the schema.org 30.0 context
 * from a local copy (a remote context would give no triples offline) and checked with the
 * science-on-schema.org {@code googleRequired.ttl} shapes.
 */
public final class SchemaOrgCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "http://schema.org/";

    private SchemaOrgCheck() {
    }

    /** The graph of the page's single {@code application/ld+json} script. */
    public static Model graph(Document page) throws IOException {
        var scripts = page.select("script[type=application/ld+json]");
        assertThat(scripts).as("schema.org JSON-LD scripts in " + page.location()).hasSize(1);
        ObjectNode json = (ObjectNode) JSON.readTree(scripts.first().data());
        assertThat(json.path("@context").asText()).isEqualTo("https://schema.org/");
        try (InputStream in = resource("/standards/schemaorg/schemaorgcontext.jsonld")) {
            json.set("@context", JSON.readTree(in).get("@context"));
        }
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(JSON.writeValueAsString(json), Lang.JSONLD).parse(model);
        return model;
    }

    /** How many resources of a schema.org type the graph has. */
    public static int count(Model model, String type) {
        return model.listSubjectsWithProperty(RDF.type, model.createResource(SCHEMA + type)).toList().size();
    }

    /** The violations of Google's required Dataset items. */
    public static Collection<ReportEntry> googleRequiredViolations(Model model) {
        return ShaclValidator.get().validate(GoogleRequired.SHAPES, model.getGraph()).getEntries();
    }

    private static InputStream resource(String name) {
        InputStream in = SchemaOrgCheck.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException(name + " is missing from the test resources"));
        }
        return in;
    }

    private static final class GoogleRequired {
        static final Shapes SHAPES = load();

        private static Shapes load() {
            Model shapes = ModelFactory.createDefaultModel();
            RDFParser.source(resource("/standards/schemaorg/googleRequired.ttl")).lang(Lang.TURTLE).parse(shapes);
            shapes.removeAll(null, OWL.imports, null);
            assertThat(shapes.size()).as("googleRequired shapes").isGreaterThan(10);
            return Shapes.parse(shapes.getGraph());
        }
    }
}
