package org.kepu.organizer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param tokenSecret HMAC key for bearer tokens (at least 32 characters; from the environment in production)
 * @param tokenTtl how long a bearer token is valid
 * @param maxFailuresPerAccount failed sign-ins per username within {@code failureWindow} before 429
 * @param maxFailuresPerAddress failed sign-ins per client address within {@code failureWindow} before 429
 * @param devPassword password of the dev profile's demo accounts (dev profile only)
 */
@Validated
@ConfigurationProperties("kepu.organizer")
public record OrganizerProperties(
        @NotBlank @Size(min = 32) String tokenSecret,
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("5") @Min(1) @Max(100) int maxFailuresPerAccount,
        @DefaultValue("30") @Min(1) @Max(10_000) int maxFailuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        String devPassword) {}
