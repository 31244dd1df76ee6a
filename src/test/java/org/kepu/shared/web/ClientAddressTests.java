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
}
