package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mypurecloud.sdk.v2.model.BatchUserPresenceEventRequest;
import com.mypurecloud.sdk.v2.model.BatchUserRoutingStatusEventRequest;
import com.mypurecloud.sdk.v2.model.UserPresenceEvent;
import com.mypurecloud.sdk.v2.model.UserRoutingStatusEvent;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.SandboxUsers;

/** What the connector sends must be what the official Genesys Cloud Java SDK would send. */
class OfficialSdkContractTest {

    @Test
    void the_json_sent_deserializes_into_the_official_sdk_request_model() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            List<String> bodies = new CopyOnWriteArrayList<>();
            AdviceWith.adviceWith(harness.context(), "post-events", route -> route
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

    @Test
    void the_routing_status_json_sent_deserializes_into_the_official_sdk_request_model() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                ConnectorHarness.BOTH_KINDS)) {
            harness.sandbox.legacy().setState("A0001", AgentState.READY, null);
            harness.sandbox.legacy().setState("A0002", AgentState.ON_CALL, null);
            harness.sandbox.legacy().setState("A0003", AgentState.AFTER_CALL_WORK, null);
            harness.sandbox.legacy().setState("A0004", AgentState.NOT_READY, "LUNCH");
            harness.sandbox.legacy().setState("A0005", AgentState.LOGGED_OUT, null);
            List<String> bodies = new CopyOnWriteArrayList<>();
            AdviceWith.adviceWith(harness.context(), "post-events", route -> route
                    .weaveByToUri(".*/api/v2/events/users/routingstatus.*").before()
                    .process(exchange -> bodies.add(exchange.getMessage().getBody(String.class))));

            harness.runOnce();

            assertEquals(1, bodies.size(), "one request of routing statuses (the presences went in one of their own)");
            ObjectMapper strict = new ObjectMapper().registerModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            BatchUserRoutingStatusEventRequest request = strict.readValue(bodies.get(0),
                    BatchUserRoutingStatusEventRequest.class);
            List<UserRoutingStatusEvent> events = request.getUserRoutingStatusEvents();
            assertEquals(5, events.size());
            // the SDK reads a status it does not know as OUTDATEDSDKVERSION: these are the ones it knows
            assertEquals(List.of(UserRoutingStatusEvent.StatusEnum.IDLE, UserRoutingStatusEvent.StatusEnum.INTERACTING,
                    UserRoutingStatusEvent.StatusEnum.INTERACTING, UserRoutingStatusEvent.StatusEnum.OFFQUEUE,
                    UserRoutingStatusEvent.StatusEnum.OFFQUEUE), events.stream().map(UserRoutingStatusEvent::getStatus).toList());
            UserRoutingStatusEvent event = events.get(0);
            assertEquals(SandboxUsers.userIdOf("A0001"), event.getAgentId(), "agentId is the Genesys user, not the legacy agent");
            assertEquals(harness.sandbox.settings().presenceSourceId(), event.getSourceId());
            assertNotNull(event.getEventId());
            assertEquals(harness.sandbox.legacy().truth().get("A0001").changedAt().truncatedTo(ChronoUnit.MILLIS),
                    event.getEventDateTime().toInstant(), "the SDK's Date keeps milliseconds");
        }
    }
}
