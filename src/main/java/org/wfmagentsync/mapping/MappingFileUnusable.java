package org.wfmagentsync.mapping;

import java.util.Optional;

/** A mapping file ({@code agents.csv}, {@code states.csv}) cannot be read or lacks a column: the run ends with this message. */
public class MappingFileUnusable extends RuntimeException {

    /** Why a run stopped, when a mapping file is what stopped it: the file and the reason, as the message says. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MappingFileUnusable mapping) {
                return Optional.of(mapping.getMessage());
            }
        }
        return Optional.empty();
    }

    MappingFileUnusable(String message, Throwable cause) {
        super(message, cause);
    }
}
