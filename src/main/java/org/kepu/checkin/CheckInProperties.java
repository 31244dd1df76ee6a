package org.kepu.checkin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Check-in settings. The keys are secrets: from the environment in production, where the app refuses to
 * start without them; dev and test values live only in the test resources.
 *
 * @param participantKey HMAC key signing the anonymous participant cookie (at least 32 characters)
 * @param venueKeys venue-token server keys by key id; keep the previous key here while codes it signed
 *     may still be in flight (one token window), so rotation never breaks a code being scanned
 * @param venueKeyId the id of the key that signs new tokens
 * @param tokenWindow how long one venue token window lasts; the current and the previous one are accepted
 * @param opensBefore how long before the start check-in opens (it closes at the end)
 * @param minWatchTime how long a livestream viewer must watch before getting an online check-in token
 * @param onlineTokenTtl how long an online check-in token stays valid
 * @param publicBaseUrl absolute origin put in QR codes (e.g. https://kepu.example.cn); empty: the request's
 * @param batchMaxRows most check-ins written in one statement
 * @param batchMaxWait longest a check-in waits for others to share its commit
 * @param batchWriters batches written concurrently (each holds one connection)
 * @param maxQueued check-ins waiting for a commit at most; beyond it new ones are refused at once with 503
 *     and Retry-After (overload is shed, not queued until every request times out)
 * @param rateLimits whether the per-participant and per-address limits apply
 * @param perParticipant check-in attempts per participant within {@code rateWindow}
 * @param perAddress check-in attempts per client address within {@code rateWindow} (a venue's Wi-Fi or a
 *     carrier's NAT puts many phones behind one address, hence generous)
 * @param countTtl how long a cached count lives in Redis before it is rebuilt from PostgreSQL
 * @param idempotencyTtl how long an Idempotency-Key and its answer are kept
 */
@Validated
@ConfigurationProperties("kepu.checkin")
public record CheckInProperties(
        @NotBlank @Size(min = 32) String participantKey,
        @NotEmpty Map<@Pattern(regexp = "[a-z0-9]{1,8}") String, @NotBlank @Size(min = 32) String> venueKeys,
        @NotBlank String venueKeyId,
        @DefaultValue("30s") Duration tokenWindow,
        @DefaultValue("30m") Duration opensBefore,
        @DefaultValue("5m") Duration minWatchTime,
        @DefaultValue("15m") Duration onlineTokenTtl,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("200") @Min(1) @Max(1000) int batchMaxRows,
        @DefaultValue("5ms") Duration batchMaxWait,
        @DefaultValue("2") @Min(1) @Max(8) int batchWriters,
        @DefaultValue("2000") @Min(1) int maxQueued,
        @DefaultValue("true") boolean rateLimits,
        @DefaultValue("20") @Min(1) int perParticipant,
        @DefaultValue("2000") @Min(1) int perAddress,
        @DefaultValue("1m") Duration rateWindow,
        @DefaultValue("60s") Duration countTtl,
        @DefaultValue("24h") Duration idempotencyTtl) {

    public CheckInProperties {
        if (venueKeys != null && venueKeyId != null && !venueKeys.containsKey(venueKeyId)) {
            throw new IllegalArgumentException("kepu.checkin.venue-key-id names no key in kepu.checkin.venue-keys");
        }
    }
}
