package org.wfmagentsync.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes the legacy {@code GET /api/agents} document by streaming, so 100,000 agents need no big tree in memory. */
final class LegacyFeedWriter {

    private final JsonFactory factory;

    LegacyFeedWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /** Streams every agent of the snapshot. */
    void write(OutputStream out, Instant asOf, AgentPopulation population, AgentPopulation.Snapshot snapshot)
            throws IOException {
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("asOf", asOf.toString());
            gen.writeArrayFieldStart("agents");
            for (int i = 0; i < population.size(); i++) {
                gen.writeStartObject();
                gen.writeStringField("agentId", population.agentId(i));
                gen.writeStringField("state", snapshot.states()[i].name());
                gen.writeStringField("reason", snapshot.reasons()[i]);
                gen.writeStringField("changedAt", snapshot.changedAt()[i].toString());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** A feed with no agents, as a broken export would give. */
    byte[] empty(Instant asOf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("asOf", asOf.toString());
            gen.writeArrayFieldStart("agents");
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The start of a real feed cut off mid-record: valid-looking, unparseable. */
    byte[] truncated(Instant asOf, AgentPopulation population, AgentPopulation.Snapshot snapshot) {
        StringBuilder text = new StringBuilder()
                .append("{\"asOf\":\"").append(asOf).append("\",\"agents\":[");
        if (population.size() > 0) {
            text.append("{\"agentId\":\"").append(population.agentId(0))
                    .append("\",\"state\":\"").append(snapshot.states()[0].name()).append("\",\"reason\":");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
