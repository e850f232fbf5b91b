package org.equiplan.access;

/** What a token may do in its workspace: read, also submit and stop and delete, or everything everywhere. */
public enum TokenRole {
    /** Reads the jobs of its workspace. */
    VIEWER,
    /** Also submits, stops and deletes the jobs of its workspace. */
    PLANNER,
    /** Everything, in every workspace. */
    ADMIN;

    public boolean mayWrite() {
        return this != VIEWER;
    }

    public boolean seesEveryWorkspace() {
        return this == ADMIN;
    }
}
