package io.hiraku.schema;

import java.util.Locale;
import java.util.Optional;

/** The EU data-theme authority table (what DCAT-AP expects in dcat:theme), with Japanese labels. */
public enum DataTheme {
    AGRI("農林水産・食品", "Agriculture, fisheries, forestry and food"),
    ECON("経済・財政", "Economy and finance"),
    EDUC("教育・文化・スポーツ", "Education, culture and sport"),
    ENER("エネルギー", "Energy"),
    ENVI("環境", "Environment"),
    GOVE("行政・公共部門", "Government and public sector"),
    HEAL("保健・医療", "Health"),
    INTR("国際", "International issues"),
    JUST("司法・法制度・公共の安全", "Justice, legal system and public safety"),
    OP_DATPRO("暫定データ", "Provisional data"),
    REGI("地域・都市", "Regions and cities"),
    SOCI("人口・社会", "Population and society"),
    TECH("科学技術", "Science and technology"),
    TRAN("交通", "Transport");

    private final String ja;
    private final String en;

    DataTheme(String ja, String en) {
        this.ja = ja;
        this.en = en;
    }

    public static Optional<DataTheme> of(String code) {
        try {
            return Optional.of(valueOf(code.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String iri() {
        return "http://publications.europa.eu/resource/authority/data-theme/" + name();
    }

    public String ja() {
        return ja;
    }

    public String en() {
        return en;
    }
}
