package org.wfmagentsync.model;

import java.util.Optional;

/**
 * Turns a failure that stopped a run into one sentence an operator can act on, for the failures a
 * stage knows (the legacy call, a mapping file, the login host); empty for the others.
 */
@FunctionalInterface
public interface FailureExplainer {

    Optional<String> explain(Throwable failure);
}
