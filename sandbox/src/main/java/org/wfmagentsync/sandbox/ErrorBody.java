package org.wfmagentsync.sandbox;

import java.util.List;

/** Genesys' common error schema ({@code ErrorBody}), with the fields this simulator fills. */
record ErrorBody(String message, String code, int status, String contextId, List<Object> details,
                 List<Object> errors) {

    static ErrorBody of(int status, String code, String message, String contextId) {
        return new ErrorBody(message, code, status, contextId, List.of(), List.of());
    }
}
