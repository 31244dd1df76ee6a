package org.kepu.shared.web;

import org.springframework.http.HttpHeaders;

/**
 * The security headers every response carries. Spring Security writes them ({@link SecurityConfiguration});
 * a response served before its chain (the viewers' live streams, see the live module) sets the same ones here.
 */
public final class SecurityHeaders {

    static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self)";

    private SecurityHeaders() {}

    /** Sets what Spring Security's header writers would: a response that bypasses the chain is no weaker. */
    public static void set(HttpHeaders headers, WebProperties web) {
        headers.set("Content-Security-Policy", web.contentSecurityPolicy()); // one line (WebProperties)
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        headers.set("Referrer-Policy", REFERRER_POLICY);
        headers.set("Permissions-Policy", PERMISSIONS_POLICY);
    }

    /**
     * Spring Security's cache headers, which it adds to every response that sets none of its own: an answer
     * about one participant (a check-in, a problem) must not be kept by a shared cache.
     */
    public static void noCache(HttpHeaders headers) {
        headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.set(HttpHeaders.PRAGMA, "no-cache");
        headers.set(HttpHeaders.EXPIRES, "0");
    }
}
