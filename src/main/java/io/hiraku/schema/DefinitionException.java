package io.hiraku.schema;

/** A catalog or dataset definition that cannot be used; the message names the file and what is wrong. */
public class DefinitionException extends RuntimeException {
    public DefinitionException(String message) {
        super(message);
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
