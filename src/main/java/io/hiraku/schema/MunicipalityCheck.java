package io.hiraku.schema;

/**
 * A row-level check that a 全国地方公共団体コード and the prefecture and municipality names beside it
 * agree (焼津市 is 222127 in 静岡県). Each names a field; the names are optional.
 */
public record MunicipalityCheck(String code, String prefecture, String municipality) {
}
