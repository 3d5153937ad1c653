package io.hiraku.catalog;

import java.util.Locale;
import java.util.Map;

/** Terms of the EU authority tables and other vocabularies the DCAT-AP catalog uses. */
final class Vocabularies {
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String VCARD = "http://www.w3.org/2006/vcard/ns#";
    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String FOAF = "http://xmlns.com/foaf/0.1/";
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final String ADMS = "http://www.w3.org/ns/adms#";
    /** GeoSPARQL: the {@code wktLiteral} datatype DCAT-AP gives {@code dcat:bbox} and {@code dcat:centroid}. */
    static final String GSP = "http://www.opengis.net/ont/geosparql#";
    static final String EU = "http://publications.europa.eu/resource/authority/";
    static final String IANA_MEDIA = "https://www.iana.org/assignments/media-types/";

    private static final Map<String, String> LICENSES = Map.of(
            "https://creativecommons.org/licenses/by/4.0/", "CC_BY_4_0",
            "http://creativecommons.org/licenses/by/4.0/", "CC_BY_4_0",
            "https://creativecommons.org/licenses/by/3.0/", "CC_BY_3_0",
            "https://creativecommons.org/publicdomain/zero/1.0/", "CC0");

    /** Licences the site names in words ({@code license.<key>} in the site's messages), by URL. */
    private static final Map<String, String> LICENSE_KEYS = Map.of(
            "https://creativecommons.org/licenses/by/4.0/", "CC_BY_4_0",
            "http://creativecommons.org/licenses/by/4.0/", "CC_BY_4_0",
            "https://creativecommons.org/licenses/by/3.0/", "CC_BY_3_0",
            "https://creativecommons.org/publicdomain/zero/1.0/", "CC0",
            "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0", "PDL_1_0");

    private Vocabularies() {
    }

    /** The EU licence authority IRI for a known licence URL, else the URL itself. */
    static String license(String url) {
        String code = LICENSES.get(url);
        return code == null ? url : EU + "licence/" + code;
    }

    /** The key of a licence's name in the site's wording, or null when the site shows its URL. */
    static String licenseKey(String url) {
        return url == null ? null : LICENSE_KEYS.get(url);
    }

    /** The ADMS licence type of the licences Japanese portals use, or null when not known. */
    static String licenceType(String url) {
        if (url.contains("creativecommons.org/publicdomain/zero/")) {
            return "http://purl.org/adms/licencetype/PublicDomain";
        }
        if (url.contains("creativecommons.org/licenses/by/") || url.contains("public_data_license")) {
            return "http://purl.org/adms/licencetype/Attribution";
        }
        return null;
    }

    static String frequency(String name) {
        return UpdateFrequency.of(name).map(f -> EU + "frequency/" + f.euCode()).orElse(null);
    }

    static String fileType(String code) {
        return EU + "file-type/" + code;
    }

    static String language(String twoLetter) {
        return EU + "language/" + switch (twoLetter) {
            case "ja" -> "JPN";
            case "en" -> "ENG";
            default -> twoLetter.toUpperCase(Locale.ROOT);
        };
    }
}
