package io.hiraku.validate;

/**
 * A cell holding a missing-value marker other than the empty string ({@code -}, {@code x}, {@code 秘匿}):
 * no value, but its marker is kept so the published CSV says what the department said. JSON gives
 * null; RDF leaves the property out.
 */
public record Missing(String marker) {
}
