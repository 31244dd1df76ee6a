package org.kepu.shared.web;

import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client's IP address for rate limits and audit. {@code X-Forwarded-For} is believed only when the
 * direct peer is one of the configured proxies ({@code kepu.web.trusted-proxies}); otherwise anyone could
 * escape a per-IP limit by sending the header.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(ServerWebExchange exchange, List<String> trustedProxies) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        // the right-most address not added by one of our proxies is the client
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
