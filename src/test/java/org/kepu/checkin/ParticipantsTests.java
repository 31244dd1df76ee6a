package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParticipantsTests {

    final Participants participants = new Participants("participant-key-participant-key-participant");

    @Test
    void aSignedCookieNamesItsParticipant() {
        UUID id = UUID.randomUUID();
        assertThat(participants.verify(participants.sign(id))).contains(id);
    }

    @Test
    void tamperedUnsignedOrForeignCookiesAreNotTrusted() {
        UUID id = UUID.randomUUID();
        String cookie = participants.sign(id);
        String otherId = participants.sign(UUID.randomUUID()).split("\\.")[0];
        assertThat(participants.verify(otherId + "." + cookie.split("\\.")[1])).isEmpty();
        assertThat(participants.verify(cookie.split("\\.")[0])).isEmpty();
        assertThat(participants.verify(id.toString())).isEmpty();
        assertThat(participants.verify(new Participants("another-key-another-key-another-key").sign(id)))
                .isEmpty();
        assertThat(participants.verify("")).isEmpty();
        assertThat(participants.verify(null)).isEmpty();
        assertThat(participants.verify("%%%.###")).isEmpty();
    }
}
