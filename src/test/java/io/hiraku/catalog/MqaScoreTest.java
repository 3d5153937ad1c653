package io.hiraku.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;

class MqaScoreTest {
    private static final String GRAPH = """
            @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
            <https://d.example/ds> a dcat:Dataset ; dcat:keyword "公園"@ja ;
                dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> ;
                dcat:distribution <https://d.example/ds/csv>, <https://d.example/ds/pdf> .
            <https://d.example/ds/csv> a dcat:Distribution ;
                dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
                dcat:downloadURL <https://d.example/ds/a.csv> ; dcat:accessURL <https://d.example/ds/a.csv> ;
                dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> .
            <https://d.example/ds/pdf> a dcat:Distribution ;
                dct:format <http://publications.europa.eu/resource/authority/file-type/PDF> ;
                dcat:accessURL <https://elsewhere.example/a.pdf> ;
                dct:license <https://www.digital.go.jp/resources/open_data/public_data_license_v1.0> .
            """;

    @Test
    void distributionIndicatorsScoreTheShareOfDistributionsThatMeetThem() {
        Model m = ModelFactory.createDefaultModel();
        m.read(new StringReader(GRAPH), null, "TURTLE");
        MqaScore score = MqaScore.of(m, "https://d.example/ds", url -> url.startsWith("https://d.example/"), false);
        Map<String, Integer> points = score.indicators().stream()
                .collect(Collectors.toMap(MqaScore.Indicator::metric, MqaScore.Indicator::points));
        assertThat(points).containsEntry("keywordAvailability", 30).containsEntry("categoryAvailability", 0)
                .containsEntry("downloadUrlAvailability", 10)      // one of two
                .containsEntry("accessUrlStatusCode", 25)          // the other URL cannot be reached
                .containsEntry("formatAvailability", 20)
                .containsEntry("formatMediaTypeMachineInterpretable", 10) // CSV yes, PDF no
                .containsEntry("knownLicence", 5)                  // PDL 1.0 is not on the EU list
                .containsEntry("dcatApCompliance", 0);
        // 30 keywords + 25 + 10 + 15 accessibility + 20 format + 10 vocabulary + 10 non-proprietary
        // + 10 machine-readable + 20 licence + 5 known licence
        assertThat(score.points()).isEqualTo(155);
        assertThat(score.rating()).isEqualTo("ENOUGH");
        assertThat(score.indicators().stream().mapToInt(MqaScore.Indicator::weight).sum()).isEqualTo(MqaScore.maximum());
    }

    @Test
    void theMeasurementsArePublishedAsDqv() {
        Model m = ModelFactory.createDefaultModel();
        m.read(new StringReader(GRAPH), null, "TURTLE");
        MqaScore score = MqaScore.of(m, "https://d.example/ds", url -> true, true);
        score.addTo(m, "https://d.example/ds");
        var has = m.createProperty("http://www.w3.org/ns/dqv#hasQualityMeasurement");
        assertThat(m.listObjectsOfProperty(m.createResource("https://d.example/ds"), has).toList()).hasSize(24);
        assertThat(m.getProperty(m.createResource("https://d.example/ds#mqa-downloadUrlAvailability"),
                m.createProperty("http://www.w3.org/ns/dqv#value")).getLiteral().getLexicalForm()).isEqualTo("0.5000");
    }
}
