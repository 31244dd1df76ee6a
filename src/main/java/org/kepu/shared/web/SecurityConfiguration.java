package org.kepu.shared.web;

import org.kepu.shared.error.ProblemResponses;
import org.kepu.shared.error.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import reactor.core.publisher.Mono;

/**
 * Server-side authorization and the security headers every response carries. Public reads and the
 * anonymous participant writes are open; role areas are closed unless the caller has the role. Failures
 * are answered as problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, WebProperties properties, ProblemWriter problems) {
        return http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // No cookie-authenticated session exists yet; CSRF protection arrives with browser login.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(properties
                                .contentSecurityPolicy()
                                .replaceAll("\\s+", " ")
                                .trim()))
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicy(
                                permissions -> permissions.policy("camera=(), microphone=(), geolocation=(self)")))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .pathMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .pathMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .pathMatchers("/api/v1/organizer/**")
                        .hasRole("ORGANIZER")
                        .pathMatchers("/api/v1/review/**")
                        .hasRole("REVIEWER")
                        .pathMatchers("/api/v1/stats/**")
                        .hasAnyRole("REVIEWER", "ADMIN")
                        .pathMatchers("/api/v1/me")
                        .authenticated()
                        .pathMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .anyExchange()
                        .permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                                (exchange, denied) -> problems.write(exchange, ProblemResponses.from(denied)))
                        .accessDeniedHandler(
                                (exchange, denied) -> problems.write(exchange, ProblemResponses.from(denied))))
                .build();
    }

    /** Accounts arrive with the organizer module; until then no one can sign in. */
    @Bean
    ReactiveUserDetailsService noAccountsYet() {
        return username -> Mono.empty();
    }
}
