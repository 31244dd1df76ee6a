package org.kepu.shared.web;

import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client's IP address for rate limits and audit. {@code X-Forwarded-For} is believed only when the
 * direct peer is one of the configured proxies ({@code kepu.web.trusted-proxies}); otherwise anyone could
 * escape a per-IP limit by sending the header. A proxy entry is an address or a CIDR range
 * ({@code 10.42.0.0/16}): in Kubernetes the ingress controller's pods change address, their network does not.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(ServerWebExchange exchange, List<String> trustedProxies) {
        return of(exchange.getRequest(), trustedProxies);
    }

    public static String of(ServerHttpRequest request, List<String> trustedProxies) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        if (!trusted(trustedProxies, peer)) {
            return peer;
        }
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        // the right-most address not added by one of our proxies is the client
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted(trustedProxies, hop)) {
                return hop;
            }
        }
        return peer;
    }

    static boolean trusted(List<String> proxies, String address) {
        if (proxies.contains(address)) {
            return true;
        }
        for (String proxy : proxies) {
            int slash = proxy.indexOf('/');
            if (slash > 0 && inRange(proxy.substring(0, slash), proxy.substring(slash + 1), address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(String network, String prefix, String address) {
        byte[] net = literal(network);
        byte[] ip = literal(address);
        if (net == null || ip == null || net.length != ip.length || !prefix.matches("\\d{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(prefix);
        if (bits > net.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (ip[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal, or null; never a name lookup (the header is the client's to write). */
    private static byte[] literal(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                // an IPv6 literal: parsed, not resolved
                return java.net.InetAddress.getByName(text).getAddress();
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
