-- Jobs shared by several processes (API nodes and workers on one database).
--   solved_ms:      solving time charged so far, written while solving, so a crash cannot give a job more time
--   attempt:        raised each time a worker claims the job; every write of a worker names the attempt it
--                   holds, so a worker that lost the job (declared dead, job deleted) cannot overwrite it
--   lost:           claims that found the job still SOLVING, i.e. its previous worker died; bounded, so a job
--                   that kills its worker is not resumed in a loop
--   worker:         the worker solving it now (or last)
--   stop_requested: set by any API node; the worker solving the job stops it and keeps its best
ALTER TABLE job ADD COLUMN solved_ms BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN attempt INT DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN lost INT DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN worker VARCHAR(200);
ALTER TABLE job ADD COLUMN stop_requested BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE job SET solved_ms = elapsed_ms;

-- The job queue of db-scheduler (github.com/kagkarlsson/db-scheduler, its PostgreSQL table in SQL H2 reads too):
-- one row per queued or solving job (task 'solve-job', instance = job id), picked by one worker at a time,
-- with heartbeats by which a dead worker's jobs are found and revived.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(200),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
