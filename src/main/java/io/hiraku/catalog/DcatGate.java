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
 * DCAT-GoJ required items) before it is published; {@code shapes_recommended.ttl} gives advice. The shapes
 * ship with the application.
 */
public final class DcatGate {
    /** One violation: the resource, the property, and what the shape says. */
    public record Violation(String focus, String property, String message) {
        /** The property's local name ({@code <http://purl.org/dc/terms/description>} gives {@code description}). */
        String propertyName() {
            String iri = property.replaceAll("^<|>$", "");
            return iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
        }
    }

    private static final Shapes SHAPES = load("/standards/dcat-ap/3.0.1/shapes.ttl", "/standards/dcat-ap/3.0.1/range.ttl",
            "/shapes/hiraku.ttl");
    private static final Shapes RECOMMENDED = load("/standards/dcat-ap/3.0.1/shapes_recommended.ttl");

    private DcatGate() {
    }

    private static Shapes load(String... files) {
        Model shapes = ModelFactory.createDefaultModel();
        for (String file : files) {
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

    /**
     * What DCAT-AP recommends and the graph lacks ({@code shapes_recommended.ttl}, all warnings): shown
     * in the receipt and on the dataset page, never a reason to refuse.
     */
    public static List<Violation> recommendations(Model model) {
        return results(RECOMMENDED, model, null).stream().distinct().toList();
    }

    /**
     * The recommendations about one dataset (itself and its distributions, not its past releases), as
     * a line each that names the missing item in Japanese and English.
     */
    public static List<String> advice(Model datasetModel, String datasetIri) {
        return recommendations(datasetModel).stream()
                .filter(v -> v.focus().equals(datasetIri) || v.focus().startsWith(datasetIri + "/distributions/"))
                .map(v -> {
                    String name = v.propertyName();
                    String where = v.focus().equals(datasetIri) ? "" : "（配布 " + v.focus().substring(
                            datasetIri.length() + "/distributions/".length()) + "）";
                    return "DCAT-AP 推奨項目 " + ADVICE_LABELS.getOrDefault(name, name) + where + " がありません / "
                            + "DCAT-AP recommends " + name;
                })
                .distinct().toList();
    }

    private static final java.util.Map<String, String> ADVICE_LABELS = java.util.Map.of(
            "temporal", "対象期間 (temporal)", "spatial", "対象地域 (spatial)", "keyword", "キーワード (keyword)",
            "theme", "分類 (theme)", "contactPoint", "問い合わせ先 (contactPoint)", "publisher", "提供者 (publisher)",
            "availability", "提供の継続性 (availability)", "conformsTo", "準拠する規格 (conformsTo)");

    /**
     * The catalog's own description (title, description, publisher, licence, languages; no datasets)
     * against the gate, as catalog.yaml gives it: a line per violation naming the catalog.yaml key to fix.
     * Checked when the definitions load, so that a catalog.yaml without a description stops the start
     * with a clear message instead of every publication failing later.
     */
    public static synchronized List<String> catalogProblems(io.hiraku.schema.CatalogDefinition catalog) {
        // the catalog is loaded for every drop and seldom changes: the last verdict stands while it is the same
        if (lastVerdict == null || !lastVerdict.catalog().equals(catalog)) {
            lastVerdict = new Verdict(catalog, gate(catalog));
        }
        return lastVerdict.problems();
    }

    /** A catalog {@link #catalogProblems} checked, and its problems. */
    private record Verdict(io.hiraku.schema.CatalogDefinition catalog, List<String> problems) {
    }

    private static Verdict lastVerdict;

    private static List<String> gate(io.hiraku.schema.CatalogDefinition catalog) {
        return check(new DcatCatalog(catalog).model(List.of())).stream()
                .map(v -> {
                    String name = v.propertyName();
                    String key = v.focus().endsWith("/publisher") ? "publisher" : name.equals("language") ? "languages" : name;
                    String what = v.message().startsWith("minCount") ? "missing" : v.message();
                    return "'" + key + "' (" + what + "; DCAT-AP 3.0.1 requires " + name + " of " + v.focus() + ")";
                })
                .distinct().toList();
    }

    /** The violations of a graph (warnings and infos are not violations). */
    public static List<Violation> check(Model model) {
        return results(SHAPES, model, Severity.Violation);
    }

    /** The results of validating a graph, only those of a severity if one is given. */
    private static List<Violation> results(Shapes shapes, Model model, Severity only) {
        ValidationReport report = ShaclValidator.get().validate(shapes, model.getGraph());
        return report.getEntries().stream()
                .filter(e -> only == null || e.severity() == only)
                .map(e -> new Violation(String.valueOf(e.focusNode()),
                        e.resultPath() == null ? "" : e.resultPath().toString(), e.message()))
                .toList();
    }
}
