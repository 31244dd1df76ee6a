package org.kepu.organizer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed, short-lived bearer tokens: {@code kpt1.<payload>.<signature>}, the payload being the account id,
 * issue and expiry times, the signature an HMAC-SHA256 over the rest. Revocation needs no token store:
 * an account's {@code not_before} (moved when it is disabled) outdates every token issued earlier.
 */
@Component
class AccessTokens {

    private static final String PREFIX = "kpt1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A verified token's claims. */
    record Claims(UUID accountId, Instant issuedAt, Instant expiresAt) {}

    private final SecretKeySpec key;
    private final OrganizerProperties properties;
    private final Clock clock;

    AccessTokens(OrganizerProperties properties, Clock clock) {
        this.key = new SecretKeySpec(properties.tokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.properties = properties;
        this.clock = clock;
    }

    AccessToken issue(UUID accountId) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.tokenTtl());
        ByteBuffer payload = ByteBuffer.allocate(32);
        payload.putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits());
        payload.putLong(now.toEpochMilli()).putLong(expires.toEpochMilli());
        String unsigned = PREFIX + B64.encodeToString(payload.array());
        return new AccessToken(unsigned + "." + B64.encodeToString(sign(unsigned)), expires);
    }

    /** The claims of a well-formed, correctly signed, unexpired token. */
    Optional<Claims> verify(String token) {
        if (token == null || token.length() > 200 || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            String unsigned = token.substring(0, dot);
            String given = token.substring(dot + 1);
            byte[] signature = B64D.decode(given);
            // only the canonical spelling: base64 has unused trailing bits that would give one MAC many spellings
            if (!B64.encodeToString(signature).equals(given) || !MessageDigest.isEqual(signature, sign(unsigned))) {
                return Optional.empty();
            }
            ByteBuffer payload = ByteBuffer.wrap(B64D.decode(unsigned.substring(PREFIX.length())));
            if (payload.remaining() != 32) {
                return Optional.empty();
            }
            UUID account = new UUID(payload.getLong(), payload.getLong());
            Instant issued = Instant.ofEpochMilli(payload.getLong());
            Instant expires = Instant.ofEpochMilli(payload.getLong());
            return clock.instant().isBefore(expires)
                    ? Optional.of(new Claims(account, issued, expires))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64
        }
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
