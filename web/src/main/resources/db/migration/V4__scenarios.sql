-- Scenarios: a job made from another by a JSON Merge Patch keeps its parent and the patch.
ALTER TABLE job ADD COLUMN parent VARCHAR(36);
ALTER TABLE job ADD COLUMN patch ${large_text};
-- Sweeps: one job per value (or pair of values) of one or two parameters of a problem.
ALTER TABLE job ADD COLUMN sweep VARCHAR(36);
ALTER TABLE job ADD COLUMN sweep_point INT;
CREATE INDEX job_sweep ON job (sweep, sweep_point);

CREATE TABLE sweep (
    id          VARCHAR(36)  PRIMARY KEY,
    workspace   VARCHAR(100) NOT NULL,
    name        VARCHAR(500) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    definition  ${large_text} NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL
);
