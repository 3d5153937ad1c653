package io.hiraku.catalog;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;

/**
 * The metadata gate: a dataset's DCAT graph must pass the official DCAT-AP 3.0.1 shapes ({@code shapes.ttl}
 * and {@code range.ttl}) and Hiraku's own ({@code shapes/hiraku.ttl}: licence IRIs, date datatypes,
 * DCAT-GoJ required items) before it is published. The shapes ship with the application.
 */
public final class DcatGate {
    /** One violation: the resource, the property, and what the shape says. */
    public record Violation(String focus, String property, String message) {
    }

    private static final Shapes SHAPES = load();

    private DcatGate() {
    }

    private static Shapes load() {
        Model shapes = ModelFactory.createDefaultModel();
        for (String file : List.of("/standards/dcat-ap/3.0.1/shapes.ttl", "/standards/dcat-ap/3.0.1/range.ttl",
                "/shapes/hiraku.ttl")) {
            try (InputStream in = DcatGate.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the application");
                }
                RDFParser.source(in).lang(Lang.TURTLE).parse(shapes);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        shapes.removeAll(null, shapes.createProperty("http://www.w3.org/2002/07/owl#imports"), null);
        return Shapes.parse(shapes.getGraph());
    }

    /** The violations of a graph (warnings and infos are not violations). */
    public static List<Violation> check(Model model) {
        ValidationReport report = ShaclValidator.get().validate(SHAPES, model.getGraph());
        return report.getEntries().stream()
                .filter(e -> e.severity() == Severity.Violation)
                .map(e -> new Violation(String.valueOf(e.focusNode()),
                        e.resultPath() == null ? "" : e.resultPath().toString(), e.message()))
                .toList();
    }
}
