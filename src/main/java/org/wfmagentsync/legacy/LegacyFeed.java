package org.wfmagentsync.legacy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The legacy feed's envelope. Rows stay as JSON nodes so that one bad row is rejected on its own
 * instead of failing the whole batch; {@link FeedReader} turns them into {@link AgentState}s.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LegacyFeed(String asOf, List<JsonNode> agents) {
}
