-- PostgreSQL's version of h2/V2.

-- Every attempt of a dead-lettered event: when, what Genesys Cloud answered, an excerpt.
CREATE TABLE dead_letter_attempt (
    dead_letter_id BIGINT       NOT NULL,
    attempt        INTEGER      NOT NULL,
    attempted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    http_status    INTEGER,
    outcome        VARCHAR(600) NOT NULL,
    run_id         VARCHAR(64)  NOT NULL,
    CONSTRAINT dead_letter_attempt_entry FOREIGN KEY (dead_letter_id) REFERENCES dead_letter (id)
);
CREATE INDEX dead_letter_attempt_by_entry ON dead_letter_attempt (dead_letter_id, attempt);

-- How an entry was closed: by whom or what, when, and why (discarding needs a reason).
ALTER TABLE dead_letter ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dead_letter ADD COLUMN close_note VARCHAR(2000);
-- When the event happened, so a replay can tell whether a newer state was delivered since.
ALTER TABLE dead_letter ADD COLUMN event_time TIMESTAMP WITH TIME ZONE;
-- The legacy state and reason the event carries, so a replay records what it delivered.
ALTER TABLE dead_letter ADD COLUMN state_key VARCHAR(420);
CREATE INDEX dead_letter_agent ON dead_letter (agent_id, status);
