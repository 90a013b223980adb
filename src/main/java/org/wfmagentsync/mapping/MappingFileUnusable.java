package org.wfmagentsync.mapping;

/** A mapping file ({@code agents.csv}, {@code states.csv}) cannot be read or lacks a column: the run ends with this message. */
public class MappingFileUnusable extends RuntimeException {

    MappingFileUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
