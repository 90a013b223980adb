package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Genesys simulator's JSON answers: ErrorBody, OAuth errors, batch results. */
final class GenesysJson {

    private final ObjectMapper mapper;

    GenesysJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** An answer carrying Genesys' ErrorBody. */
    SimResponse error(int status, String code, String message, String contextId) {
        return SimResponse.json(status, bytes(ErrorBody.of(status, code, message, contextId)));
    }

    /** An OAuth error answer: {@code {error, description, error_description}}. */
    SimResponse oauthError(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("description", description);
        body.put("error_description", description);
        return SimResponse.json(status, bytes(body));
    }

    /** A 200 {@code BatchEventResponse}: {@code {"errors":[...]}}, empty when every event went through. */
    SimResponse batchResult(List<EventError> errors) {
        return SimResponse.json(200, bytes(Map.of("errors", errors)));
    }

    byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
