package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressTests {

    private static MockServerWebExchange from(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return MockServerWebExchange.from(request);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(ClientAddress.of(from("203.0.113.5", "1.2.3.4"), List.of())).isEqualTo("203.0.113.5");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        List<String> proxies = List.of("10.0.0.2", "10.0.0.3");
        assertThat(ClientAddress.of(from("10.0.0.2", "198.51.100.7"), proxies)).isEqualTo("198.51.100.7");
        // a client that forges a leading entry does not escape: the proxy appended the real one
        assertThat(ClientAddress.of(from("10.0.0.2", "1.1.1.1, 198.51.100.7"), proxies))
                .isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of(from("10.0.0.2", "198.51.100.7, 10.0.0.3"), proxies))
                .isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of(from("10.0.0.2", null), proxies)).isEqualTo("10.0.0.2");
    }

    @Test
    void anUntrustedPeerCannotSpoofItsAddress() {
        assertThat(ClientAddress.of(from("203.0.113.9", "10.0.0.2"), List.of("10.0.0.2")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyMayBeARange() {
        List<String> proxies = List.of("10.42.0.0/16", "fd00:42::/64");
        assertThat(ClientAddress.of(from("10.42.7.9", "198.51.100.7"), proxies)).isEqualTo("198.51.100.7");
        // hops inside the range are proxies too; the client is the right-most one outside it
        assertThat(ClientAddress.of(from("10.42.7.9", "198.51.100.7, 10.42.0.3"), proxies))
                .isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of(from("10.43.0.1", "198.51.100.7"), proxies)).isEqualTo("10.43.0.1");
        assertThat(ClientAddress.of(from("fd00:42::5", "198.51.100.7"), proxies))
                .isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of(from("fd00:43::5", "198.51.100.7"), proxies))
                .isEqualTo("fd00:43:0:0:0:0:0:5");
    }

    @Test
    void rangesNeverMatchNamesOrNonsense() {
        assertThat(ClientAddress.trusted(List.of("10.0.0.0/8"), "10.example.com"))
                .isFalse();
        assertThat(ClientAddress.trusted(List.of("10.0.0.0/8"), "10.0.0.300")).isFalse();
        assertThat(ClientAddress.trusted(List.of("10.0.0.0/33"), "10.0.0.1")).isFalse();
        assertThat(ClientAddress.trusted(List.of("10.0.0.0/x"), "10.0.0.1")).isFalse();
        assertThat(ClientAddress.trusted(List.of("0.0.0.0/0"), "203.0.113.1")).isTrue();
        assertThat(ClientAddress.trusted(List.of("10.0.0.0/8"), "fd00::1")).isFalse();
    }
}
