package org.kepu.shared.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Web limits and headers.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param contentSecurityPolicy the CSP sent with every response
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param sessionCookieSecure send the session cookie over HTTPS only (turn off only for plain-HTTP dev)
 * @param requestTimeout longest any request may take before it is answered 503 (an engine that hangs
 *     must not hold clients and connections forever); streams (SSE, exports) are exempt
 * @param mapTiles tile URL template for the front end's maps ({z}/{x}/{y}); empty: markers on a plain
 *     background. The CSP's img-src must allow the tile host.
 * @param mapDatum the tiles' datum, {@code wgs84} (OpenStreetMap and most others) or {@code gcj02}
 * @param mapAttribution the attribution text the tiles' licence asks for
 * @param maxInFlight requests one instance works on at once; beyond it a request is answered 503
 *     {@code overloaded} at the door, before any work is spent on it (streams, exports and health checks are
 *     not counted). Above the instance's capacity, queueing only adds latency: a surge is shed, not queued.
 */
@Validated
@ConfigurationProperties("kepu.web")
public record WebProperties(
        @DefaultValue("1MB") DataSize maxRequestBytes,

        @NotBlank
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
                + " frame-ancestors 'none'")
        String contentSecurityPolicy,

        @DefaultValue List<String> trustedProxies,
        @DefaultValue("true") boolean sessionCookieSecure,
        @DefaultValue("15s") java.time.Duration requestTimeout,
        @DefaultValue("") String mapTiles,
        @DefaultValue("wgs84") String mapDatum,
        @DefaultValue("") String mapAttribution,
        @DefaultValue("512") @Min(1) int maxInFlight) {

    public WebProperties {
        // one line, as the header sends it: normalized once, not on every response
        if (contentSecurityPolicy != null) {
            contentSecurityPolicy =
                    contentSecurityPolicy.replaceAll("\\s+", " ").trim();
        }
    }
}
