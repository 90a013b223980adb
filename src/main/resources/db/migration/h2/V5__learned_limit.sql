-- What the adaptive concurrency limit learned about a tenant, so that the next run (after a restart,
-- or on another instance sharing this database) starts from it instead of the configured level:
-- the most requests in flight that worked just below the last capacity conflict, and when that conflict
-- came. One row per tenant (the API host and client id) and scope ('window' inside the publishing
-- window, 'normal' outside it). The last write wins.
CREATE TABLE learned_limit (
    tenant      VARCHAR(500) NOT NULL,
    scope       VARCHAR(20)  NOT NULL,
    concurrency INTEGER      NOT NULL,
    learned_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, scope)
);
