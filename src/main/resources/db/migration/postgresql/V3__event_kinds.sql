-- PostgreSQL's version of h2/V3. Routing statuses beside presence: each kind of event has its own
-- delivered baseline and its own dead letters. Everything kept before this migration was about
-- presence events.

-- The last state delivered per legacy agent and kind of event. What Genesys Cloud holds for it is
-- the presence definition id for PRESENCE, the routing status (OffQueue, Idle, ...) for ROUTING_STATUS.
ALTER TABLE delivered_state ADD COLUMN kind VARCHAR(20) DEFAULT 'PRESENCE' NOT NULL;
ALTER TABLE delivered_state RENAME COLUMN presence_definition_id TO status;
ALTER TABLE delivered_state DROP CONSTRAINT delivered_state_pkey;
ALTER TABLE delivered_state ADD CONSTRAINT delivered_state_agent_kind PRIMARY KEY (agent_id, kind);

-- The kind of event an entry is about; NULL for an update that never became an event (a legacy row
-- refused before it was mapped, a state states.csv does not map). Entries kept before are PRESENCE.
ALTER TABLE dead_letter ADD COLUMN kind VARCHAR(20);
UPDATE dead_letter SET kind = 'PRESENCE';
DROP INDEX dead_letter_agent;
CREATE INDEX dead_letter_agent ON dead_letter (agent_id, kind, status);
