-- Accounts by API token: each token has a role and a workspace; jobs belong to the workspace that made them.
-- Only a SHA-256 hash of each token is kept (tokens are 256-bit random, so a plain hash cannot be reversed).
CREATE TABLE api_token (
    name        VARCHAR(100) PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    role        VARCHAR(16)  NOT NULL,
    workspace   VARCHAR(100) NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked     TIMESTAMP WITH TIME ZONE
);

ALTER TABLE job ADD COLUMN workspace VARCHAR(100) DEFAULT 'default' NOT NULL;
CREATE INDEX job_workspace ON job (workspace, status, seq);
