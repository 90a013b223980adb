package org.wfmagentsync.mapping;

import java.util.ArrayList;
import java.util.List;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RoutingStatus;

/**
 * What a states.csv row makes of a legacy state: a presence, a routing status, or both (never
 * neither: such a row is refused).
 *
 * @param presence      the presence and its message, or null when the row gives only a routing status
 * @param routingStatus the routing status, or null when the row gives only a presence
 */
record StateMapping(Presence presence, RoutingStatus routingStatus) {

    /** The kinds of event the state becomes, presence first. */
    List<EventKind> kinds() {
        List<EventKind> kinds = new ArrayList<>(2);
        if (presence != null) {
            kinds.add(EventKind.PRESENCE);
        }
        if (routingStatus != null) {
            kinds.add(EventKind.ROUTING_STATUS);
        }
        return kinds;
    }
}
