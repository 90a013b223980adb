package org.wfmagentsync.legacy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The legacy feed's envelope. Rows stay as JSON nodes so that one bad row is rejected on its own
 * instead of failing the whole batch; {@link FeedReader} turns them into {@link org.wfmagentsync.model.AgentState}s.
 * {@code asOf} is informational and not used, so it is taken as whatever JSON it is: a wrong-typed
 * {@code asOf} must not fail a feed whose rows are fine.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LegacyFeed(JsonNode asOf, List<JsonNode> agents) {
}
