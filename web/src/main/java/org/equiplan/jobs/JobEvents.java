package org.equiplan.jobs;

/** What subscribers of a job hear: new bests (throttled, the last never dropped), then the end. */
public interface JobEvents {

    void best(ScorePoint point);

    /** The job reached a final state; no event follows. */
    void end(JobStatus status, String score);
}
