package org.kepu.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VenueTokensTests {

    static final String OLD_KEY = "previous-key-previous-key-previous-key";
    static final String NEW_KEY = "current-key-current-key-current-key-cur";
    static final Instant NOW = Instant.parse("2026-09-12T02:00:10Z");
    static final UUID ACTIVITY = UUID.fromString("4b0f1f0e-93c4-4c55-9a49-7b5d0c3f3a01");
    static final UUID PARTICIPANT = UUID.fromString("0c2a8c0e-2b8e-4d4b-8f36-3b9f7f0e2a11");

    static VenueTokens tokens(Instant now) {
        return tokens(now, "k2");
    }

    static VenueTokens tokens(Instant now, String current) {
        return new VenueTokens(
                Map.of("k1", OLD_KEY, "k2", NEW_KEY),
                current,
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theCurrentWindowsTokenIsAnOnsiteCheckIn() {
        String token = tokens(NOW).venue(ACTIVITY);
        assertThat(tokens(NOW).verify(ACTIVITY, PARTICIPANT, token)).isEqualTo(Channel.ONSITE);
        assertThat(token).hasSizeLessThan(32).matches("vk2\\.[0-9a-z]+\\.[A-Za-z0-9_-]{16}");
    }

    @Test
    void aTokenFromThePreviousWindowIsAcceptedButNotFromTwoWindowsBack() {
        String token = tokens(NOW).venue(ACTIVITY);
        assertThat(tokens(NOW.plusSeconds(30)).verify(ACTIVITY, PARTICIPANT, token))
                .isEqualTo(Channel.ONSITE);
        assertThatThrownBy(() -> tokens(NOW.plusSeconds(60)).verify(ACTIVITY, PARTICIPANT, token))
                .isInstanceOf(TokenExpired.class);
    }

    @Test
    void aTokenFromAFutureWindowIsInvalid() {
        String token = tokens(NOW.plusSeconds(30)).venue(ACTIVITY);
        assertThatThrownBy(() -> tokens(NOW).verify(ACTIVITY, PARTICIPANT, token))
                .isInstanceOf(TokenInvalid.class);
    }

    @Test
    void tamperedForeignAndRandomTokensAreInvalid() {
        String token = tokens(NOW).venue(ACTIVITY);
        VenueTokens verifier = tokens(NOW);
        String flipped = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        String otherWindow =
                token.replaceFirst("\\.[0-9a-z]+\\.", "." + Long.toString(verifier.currentWindow() - 1, 36) + ".");
        for (String bad : new String[] {
            flipped,
            otherWindow,
            tokens(NOW).venue(UUID.randomUUID()),
            "vk2.abc.AAAAAAAAAAAAAAAAAAAAAA",
            "vk9" + token.substring(3),
            "x" + token.substring(1),
            "garbage",
            "",
            "vk2..",
            token + "." + token
        }) {
            assertThatThrownBy(() -> verifier.verify(ACTIVITY, PARTICIPANT, bad))
                    .as(bad)
                    .isInstanceOf(TokenInvalid.class);
        }
    }

    @Test
    void codesSignedWithThePreviousKeyStayValidAfterRotation() {
        String signedBeforeRotation = tokens(NOW, "k1").venue(ACTIVITY);
        assertThat(tokens(NOW, "k2").verify(ACTIVITY, PARTICIPANT, signedBeforeRotation))
                .isEqualTo(Channel.ONSITE);
        VenueTokens withoutOldKey = new VenueTokens(
                Map.of("k2", NEW_KEY),
                "k2",
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> withoutOldKey.verify(ACTIVITY, PARTICIPANT, signedBeforeRotation))
                .isInstanceOf(TokenInvalid.class);
    }

    @Test
    void anOnlineTokenWorksOnlyForItsParticipantUntilItExpires() {
        OnlineToken token = tokens(NOW).online(ACTIVITY, PARTICIPANT);
        assertThat(token.token()).startsWith("ok2.");
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(tokens(NOW.plusSeconds(600)).verify(ACTIVITY, PARTICIPANT, token.token()))
                .isEqualTo(Channel.ONLINE);
        assertThatThrownBy(() -> tokens(NOW).verify(ACTIVITY, UUID.randomUUID(), token.token()))
                .isInstanceOf(TokenInvalid.class);
        assertThatThrownBy(() -> tokens(NOW).verify(UUID.randomUUID(), PARTICIPANT, token.token()))
                .isInstanceOf(TokenInvalid.class);
        assertThatThrownBy(() -> tokens(NOW.plus(Duration.ofMinutes(16))).verify(ACTIVITY, PARTICIPANT, token.token()))
                .isInstanceOf(TokenExpired.class);
    }
}
