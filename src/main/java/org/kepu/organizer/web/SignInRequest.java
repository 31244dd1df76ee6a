package org.kepu.organizer.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record SignInRequest(
        @NotBlank @Size(max = 100) String username,
        @NotBlank @Size(max = 200) String password) {

    @Override
    public String toString() {
        return "SignInRequest[" + username + ", ****]";
    }
}
