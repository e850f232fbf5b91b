package org.equiplan.jobs;

/** What a process of the service does: answer HTTP requests, solve queued jobs, or both (the default). */
public enum Role {
    ALL,
    API,
    WORKER;

    public boolean serves() {
        return this != WORKER;
    }

    public boolean solves() {
        return this != API;
    }
}
