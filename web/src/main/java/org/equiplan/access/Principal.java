package org.equiplan.access;

/**
 * Who makes a request: the token's name, its role and its workspace. With {@code --auth none} every request is
 * {@link #LOCAL}: the one person on their own machine, admin of the default workspace.
 */
public record Principal(String name, TokenRole role, String workspace) {

    public static final String DEFAULT_WORKSPACE = "default";
    public static final Principal LOCAL = new Principal("local", TokenRole.ADMIN, DEFAULT_WORKSPACE);

    /** The workspace this principal's lists are limited to; null for an admin, who sees all. */
    public String visibleWorkspace() {
        return role.seesEveryWorkspace() ? null : workspace;
    }

    public boolean sees(String jobWorkspace) {
        return role.seesEveryWorkspace() || workspace.equals(jobWorkspace);
    }
}
