package org.wfmagentsync.run;

import java.util.List;
import java.util.Optional;
import org.apache.camel.util.URISupport;
import org.wfmagentsync.model.FailureExplainer;

/**
 * Turns whatever stopped a run into one sentence an operator can act on: the first of the stages'
 * explainers that knows the failure says it (a mapping file, the login host, the legacy call), else
 * its type and message. Any password in a URL it names is masked (the sentence goes to the log, the
 * run summary and the API).
 */
final class RunFailures {

    private final List<FailureExplainer> explainers;

    RunFailures(List<FailureExplainer> explainers) {
        this.explainers = List.copyOf(explainers);
    }

    String describe(Throwable cause) {
        return URISupport.sanitizeUri(sentence(cause));
    }

    private String sentence(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        for (FailureExplainer explainer : explainers) {
            Optional<String> sentence = explainer.explain(cause);
            if (sentence.isPresent()) {
                return sentence.get();
            }
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
