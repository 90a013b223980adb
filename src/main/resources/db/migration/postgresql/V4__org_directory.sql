-- PostgreSQL's version of h2/V4.
-- The org's directory as the last good refresh read it: the Genesys Cloud users a mapping may name by
-- email, username or employee id (GET /api/v2/users), and the presence definitions it may name by system
-- presence or label (GET /api/v2/presence/definitions). Kept so that a restart maps at once, and so that
-- a directory that is down or slow leaves the last good one in use. Each part is replaced whole.
CREATE TABLE directory_user (
    user_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    name        VARCHAR(1000),
    email       VARCHAR(1000),
    username    VARCHAR(1000),
    employee_id VARCHAR(1000)
);

CREATE TABLE directory_presence (
    presence_definition_id VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                   VARCHAR(1000),
    type                   VARCHAR(40),
    system_presence        VARCHAR(40),
    deactivated            BOOLEAN       NOT NULL
);

CREATE TABLE directory_presence_label (
    presence_definition_id VARCHAR(64)   NOT NULL,
    locale                 VARCHAR(40)   NOT NULL,
    label                  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (presence_definition_id, locale),
    CONSTRAINT directory_presence_label_of FOREIGN KEY (presence_definition_id)
        REFERENCES directory_presence (presence_definition_id) ON DELETE CASCADE
);

-- When each part ('users', 'presences') was last read in full, and how many entries it had.
CREATE TABLE directory_refresh (
    part         VARCHAR(20) NOT NULL PRIMARY KEY,
    refreshed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    entries      INTEGER     NOT NULL
);
