package org.equiplan.jobs;

/** Where a job is. QUEUED and SOLVING are active; the others are final. */
public enum JobStatus {
    QUEUED,
    SOLVING,
    COMPLETED,
    STOPPED,
    FAILED;

    public boolean active() {
        return this == QUEUED || this == SOLVING;
    }
}
