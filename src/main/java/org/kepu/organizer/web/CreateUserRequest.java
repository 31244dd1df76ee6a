package org.kepu.organizer.web;

import java.util.List;
import java.util.UUID;
import org.kepu.shared.security.Role;

/** {@code role} (one) as in API.md, or {@code roles} (several). */
record CreateUserRequest(String username, String password, Role role, List<Role> roles, UUID orgUnitId) {

    @Override
    public String toString() {
        return "CreateUserRequest[" + username + ", ****]";
    }
}
