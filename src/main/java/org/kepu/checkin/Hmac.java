package org.kepu.checkin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 helpers shared by the participant cookie and the tokens. */
final class Hmac {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A Mac per thread: looking one up in the security providers cost more than the MAC of a short message. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    });

    private Hmac() {}

    static byte[] sign(byte[] key, String message, int bytes) {
        return sign(key, message.getBytes(StandardCharsets.UTF_8), bytes);
    }

    static byte[] sign(byte[] key, byte[] message, int bytes) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 key rejected", e);
        }
        return Arrays.copyOf(mac.doFinal(message), bytes);
    }

    /** Constant-time, so response timing never tells an attacker how many leading bytes were right. */
    static boolean same(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }

    /** Decodes base64url, or null when the text is not base64url. */
    static byte[] decode(String text) {
        try {
            return B64D.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
