-- Solve jobs: what was submitted, how far it got, and its best answer so far.
CREATE TABLE job (
    id          VARCHAR(36)  PRIMARY KEY,
    seq         BIGINT       AUTO_INCREMENT,
    name        VARCHAR(500) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    seconds     DOUBLE       NOT NULL,
    seed        BIGINT       NOT NULL,
    problem     CLOB         NOT NULL,
    solution    CLOB,
    score       VARCHAR(200),
    feasible    BOOLEAN,
    error       VARCHAR(4000),
    elapsed_ms  BIGINT       DEFAULT 0 NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX job_status ON job (status, seq);
CREATE INDEX job_created ON job (created);

-- Each new best score of a job, in order.
CREATE TABLE score_history (
    job_id      VARCHAR(36)  NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    elapsed_ms  BIGINT       NOT NULL,
    score       VARCHAR(200) NOT NULL,
    feasible    BOOLEAN      NOT NULL
);
CREATE INDEX score_history_job ON score_history (job_id, elapsed_ms);
