package org.kepu.organizer;

/** A username and password as typed; never logged. */
public record Credentials(String username, String password) {

    @Override
    public String toString() {
        return "Credentials[" + username + ", ****]";
    }
}
