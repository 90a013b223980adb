package org.wfmagentsync.mapping;

import java.util.Optional;

/**
 * A mapping file ({@code agents.csv}, {@code states.csv}) that cannot be read, or was refused by its
 * check, with no earlier version to fall back on: the run ends with this message.
 */
public class MappingFileUnusable extends RuntimeException {

    private final String problem;

    /** Why a run stopped, when a mapping file is what stopped it: the file and the reason, as the message says. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MappingFileUnusable mapping) {
                return Optional.of(mapping.getMessage());
            }
        }
        return Optional.empty();
    }

    /** {@code problem}: the file and what is wrong with it, e.g. "mapping file /x/states.csv is refused (...)". */
    MappingFileUnusable(String problem) {
        super(problem + "; nothing was sent");
        this.problem = problem;
    }

    /** The file and what is wrong with it, without what it did to a run. */
    String problem() {
        return problem;
    }
}
