package org.wfmagentsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete HTTP answer of a simulator: status, extra headers and body bytes. */
record SimResponse(int status, Map<String, String> headers, String contentType, byte[] body) {

    static SimResponse json(int status, byte[] body) {
        return new SimResponse(status, Map.of(), "application/json", body);
    }

    static SimResponse text(int status, String body) {
        return new SimResponse(status, Map.of(), "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with one more header. */
    SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, Map.copyOf(copy), contentType, body);
    }
}
