package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mypurecloud.sdk.v2.model.BatchUserPresenceEventRequest;
import com.mypurecloud.sdk.v2.model.UserPresenceEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.sandbox.SandboxUsers;

/** What the connector sends must be what the official Genesys Cloud Java SDK would send. */
class OfficialSdkContractTest {

    @Test
    void the_json_sent_deserializes_into_the_official_sdk_request_model() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            List<String> bodies = new CopyOnWriteArrayList<>();
            AdviceWith.adviceWith(harness.context(), "post-presence-events", route -> route
                    .weaveByToUri(".*/api/v2/events/users/presence.*").before()
                    .process(exchange -> bodies.add(exchange.getMessage().getBody(String.class))));

            harness.runOnce();

            assertEquals(1, bodies.size());
            ObjectMapper strict = new ObjectMapper().registerModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            BatchUserPresenceEventRequest request = strict.readValue(bodies.get(0), BatchUserPresenceEventRequest.class);
            assertEquals(3, request.getUserPresenceEvents().size());
            UserPresenceEvent event = request.getUserPresenceEvents().get(0);
            assertEquals(SandboxUsers.userIdOf("A0001"), event.getUserId());
            assertEquals(harness.sandbox.settings().presenceSourceId(), event.getSourceId());
            assertNotNull(event.getEventId());
            assertNotNull(event.getEventDateTime());
            assertNotNull(event.getPresenceDefinitionId());
        }
    }
}
