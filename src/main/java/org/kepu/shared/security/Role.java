package org.kepu.shared.security;

/** What an account may do; each is scoped to the account's org unit and its region subtree. */
public enum Role {
    /** Publishes and manages the activities of its own org unit. */
    ORGANIZER,
    /** Reviews, recommends and accounts for activities in its region subtree. */
    REVIEWER,
    /** Sets up campaign editions, org units and accounts. */
    ADMIN;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
