-- PostgreSQL's version of h2/V6.
-- The per-minute request budget of each client token, and a 429's Retry-After pause, as the push gate
-- keeps them (push.RatePacer): in the state database, so that every connector instance on the same token
-- spends one budget and waits out one pause. One row per token; the key is a digest of the API URL and the
-- client id, never the secret. An embedded H2 database serves one process, which keeps the budget in
-- memory; the table is here so that both vendors have the same schema.
CREATE TABLE rate_window (
    token_key        VARCHAR(64)              NOT NULL PRIMARY KEY,
    window_start_ms  BIGINT                   NOT NULL,
    sent_in_window   INTEGER                  NOT NULL,
    paused_until_ms  BIGINT                   NOT NULL,
    pauses           BIGINT                   NOT NULL,
    aligned          BOOLEAN                  NOT NULL,
    asking           BOOLEAN                  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
